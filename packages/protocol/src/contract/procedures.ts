// The clean room's procedure table: tRPC path, query/mutation, auth, and the zod input/output of each call.
// The server builds its procedures from these schemas; the typed client is generated from this table.
import { z } from 'zod';
import {
  AuditEventsInput,
  AuditEventsOutput,
  SweepOutput,
  TransparencyInput,
  TransparencyOutput,
  VerifyAuditOutput,
} from './audit.ts';
import {
  ApproveCollaborationInput,
  CollaborationOutput,
  CollaborationRefInput,
  ListCollaborationsInput,
  ListCollaborationsOutput,
  ProposeCollaborationInput,
} from './collaborations.ts';
import { Id } from './common.ts';
import {
  InvitationRefInput,
  InviteInput,
  InviteOutput,
  ListInvitationsOutput,
  RedeemInvitationInput,
  RedeemInvitationOutput,
  RevokeInvitationOutput,
} from './invitations.ts';
import {
  FetchListInput,
  FetchListOutput,
  ListListsInput,
  ListListsOutput,
  ListRemovalsInput,
  ListRemovalsOutput,
} from './lists.ts';
import { RequestMatchInput, RequestMatchOutput } from './matches.ts';
import {
  ListMeasurementsInput,
  ListMeasurementsOutput,
  MeasurementResultInput,
  MeasurementResultOutput,
  PublishMeasurementInput,
  PublishMeasurementOutput,
} from './measurements.ts';
import {
  AddPartnerInput,
  AddPartnerOutput,
  DirectoryOutput,
  OwnCredentialOutput,
  PartnerPublic,
  PartnerRefInput,
  RevokeOwnOutput,
  RotateCredentialOutput,
  SetPartnerStatusInput,
  SetPublicKeyInput,
  WhoAmIOutput,
} from './partners.ts';
import {
  AbortPublicationOutput,
  BeginPublicationInput,
  BeginPublicationOutput,
  CommitPublicationInput,
  CommitPublicationOutput,
  ListPublicationsInput,
  ListPublicationsOutput,
  SendDeltasInput,
  SendDeltasOutput,
  TightenPublicationInput,
  TightenPublicationOutput,
  VersionRefInput,
} from './publications.ts';

/** `public`: no credential (the input carries its own proof, e.g. a one-time invitation code). */
type Auth = 'partner' | 'operator' | 'public';
type Kind = 'query' | 'mutation';

interface ProcedureDef<A extends Auth, T extends Kind, I extends z.ZodType, O extends z.ZodType> {
  path: string;
  type: T;
  /** `partner`: Bearer partner credential; `operator`: Bearer operator token; `public`: none. */
  auth: A;
  input: I;
  output: O;
}

function def<A extends Auth, T extends Kind, I extends z.ZodType, O extends z.ZodType>(
  d: ProcedureDef<A, T, I, O>,
): ProcedureDef<A, T, I, O> {
  return d;
}

const Empty = z.object({}).default({});

export const PROCEDURES = {
  whoami: def({
    path: 'partners.whoami',
    type: 'query',
    auth: 'partner',
    input: Empty,
    output: WhoAmIOutput,
  }),
  listPartners: def({
    path: 'partners.directory',
    type: 'query',
    auth: 'partner',
    input: Empty,
    output: DirectoryOutput,
  }),
  rotateOwnCredential: def({
    path: 'partners.rotateCredential',
    type: 'mutation',
    auth: 'partner',
    input: Empty,
    output: OwnCredentialOutput,
  }),
  revokeOwnCredential: def({
    path: 'partners.revoke',
    type: 'mutation',
    auth: 'partner',
    input: Empty,
    output: RevokeOwnOutput,
  }),
  redeemInvitation: def({
    path: 'join.redeem',
    type: 'mutation',
    auth: 'public',
    input: RedeemInvitationInput,
    output: RedeemInvitationOutput,
  }),
  proposeCollaboration: def({
    path: 'collaborations.propose',
    type: 'mutation',
    auth: 'partner',
    input: ProposeCollaborationInput,
    output: CollaborationOutput,
  }),
  approveCollaboration: def({
    path: 'collaborations.approve',
    type: 'mutation',
    auth: 'partner',
    input: ApproveCollaborationInput,
    output: CollaborationOutput,
  }),
  getCollaboration: def({
    path: 'collaborations.get',
    type: 'query',
    auth: 'partner',
    input: z.object({ collaborationId: Id }),
    output: CollaborationOutput,
  }),
  getCollaborations: def({
    path: 'collaborations.list',
    type: 'query',
    auth: 'partner',
    input: ListCollaborationsInput,
    output: ListCollaborationsOutput,
  }),
  suspendCollaboration: def({
    path: 'collaborations.suspend',
    type: 'mutation',
    auth: 'partner',
    input: CollaborationRefInput,
    output: CollaborationOutput,
  }),
  resumeCollaboration: def({
    path: 'collaborations.resume',
    type: 'mutation',
    auth: 'partner',
    input: CollaborationRefInput,
    output: CollaborationOutput,
  }),
  leaveCollaboration: def({
    path: 'collaborations.leave',
    type: 'mutation',
    auth: 'partner',
    input: CollaborationRefInput,
    output: CollaborationOutput,
  }),
  beginPublication: def({
    path: 'publications.begin',
    type: 'mutation',
    auth: 'partner',
    input: BeginPublicationInput,
    output: BeginPublicationOutput,
  }),
  commitPublication: def({
    path: 'publications.commit',
    type: 'mutation',
    auth: 'partner',
    input: CommitPublicationInput,
    output: CommitPublicationOutput,
  }),
  abortPublication: def({
    path: 'publications.abort',
    type: 'mutation',
    auth: 'partner',
    input: VersionRefInput,
    output: AbortPublicationOutput,
  }),
  listPublications: def({
    path: 'publications.list',
    type: 'query',
    auth: 'partner',
    input: ListPublicationsInput,
    output: ListPublicationsOutput,
  }),
  sendDeltas: def({
    path: 'publications.deltas',
    type: 'mutation',
    auth: 'partner',
    input: SendDeltasInput,
    output: SendDeltasOutput,
  }),
  tightenPublication: def({
    path: 'publications.tighten',
    type: 'mutation',
    auth: 'partner',
    input: TightenPublicationInput,
    output: TightenPublicationOutput,
  }),
  requestMatch: def({
    path: 'matches.request',
    type: 'mutation',
    auth: 'partner',
    input: RequestMatchInput,
    output: RequestMatchOutput,
  }),
  fetchLists: def({
    path: 'lists.list',
    type: 'query',
    auth: 'partner',
    input: ListListsInput,
    output: ListListsOutput,
  }),
  fetchList: def({
    path: 'lists.fetch',
    type: 'query',
    auth: 'partner',
    input: FetchListInput,
    output: FetchListOutput,
  }),
  listRemovals: def({
    path: 'lists.removals',
    type: 'query',
    auth: 'partner',
    input: ListRemovalsInput,
    output: ListRemovalsOutput,
  }),
  publishMeasurement: def({
    path: 'measurements.publish',
    type: 'mutation',
    auth: 'partner',
    input: PublishMeasurementInput,
    output: PublishMeasurementOutput,
  }),
  listMeasurements: def({
    path: 'measurements.list',
    type: 'query',
    auth: 'partner',
    input: ListMeasurementsInput,
    output: ListMeasurementsOutput,
  }),
  // A mutation: it may charge the requester's epsilon budget.
  measurementResult: def({
    path: 'measurements.result',
    type: 'mutation',
    auth: 'partner',
    input: MeasurementResultInput,
    output: MeasurementResultOutput,
  }),
  auditEvents: def({
    path: 'audit.events',
    type: 'query',
    auth: 'partner',
    input: AuditEventsInput,
    output: AuditEventsOutput,
  }),
  /** Every match that touched the caller's data (who asked, kind, purpose, what was released, ε) and ε per requester. */
  transparency: def({
    path: 'audit.transparency',
    type: 'query',
    auth: 'partner',
    input: TransparencyInput,
    output: TransparencyOutput,
  }),
  // Operator
  addPartner: def({
    path: 'operator.addPartner',
    type: 'mutation',
    auth: 'operator',
    input: AddPartnerInput,
    output: AddPartnerOutput,
  }),
  invite: def({
    path: 'operator.invite',
    type: 'mutation',
    auth: 'operator',
    input: InviteInput,
    output: InviteOutput,
  }),
  listInvitations: def({
    path: 'operator.listInvitations',
    type: 'query',
    auth: 'operator',
    input: Empty,
    output: ListInvitationsOutput,
  }),
  revokeInvitation: def({
    path: 'operator.revokeInvitation',
    type: 'mutation',
    auth: 'operator',
    input: InvitationRefInput,
    output: RevokeInvitationOutput,
  }),
  operatorListPartners: def({
    path: 'operator.listPartners',
    type: 'query',
    auth: 'operator',
    input: Empty,
    output: z.object({ partners: z.array(PartnerPublic) }),
  }),
  rotateCredential: def({
    path: 'operator.rotateCredential',
    type: 'mutation',
    auth: 'operator',
    input: PartnerRefInput,
    output: RotateCredentialOutput,
  }),
  setPartnerStatus: def({
    path: 'operator.setPartnerStatus',
    type: 'mutation',
    auth: 'operator',
    input: SetPartnerStatusInput,
    output: z.object({ partner: PartnerPublic }),
  }),
  setPartnerPublicKey: def({
    path: 'operator.setPublicKey',
    type: 'mutation',
    auth: 'operator',
    input: SetPublicKeyInput,
    output: z.object({ partner: PartnerPublic }),
  }),
  verifyAudit: def({
    path: 'operator.verifyAudit',
    type: 'query',
    auth: 'operator',
    input: Empty,
    output: VerifyAuditOutput,
  }),
  operatorAuditEvents: def({
    path: 'operator.auditEvents',
    type: 'query',
    auth: 'operator',
    input: AuditEventsInput,
    output: AuditEventsOutput,
  }),
  sweep: def({
    path: 'operator.sweep',
    type: 'mutation',
    auth: 'operator',
    input: Empty,
    output: SweepOutput,
  }),
} as const;

export type Procedures = typeof PROCEDURES;
export type ProcedureName = keyof Procedures;
export type ProcedureInput<N extends ProcedureName> = z.input<Procedures[N]['input']>;
export type ProcedureOutput<N extends ProcedureName> = z.infer<Procedures[N]['output']>;

/** Binary upload route: `PUT ${batchPath(versionId, seq)}`, body = one batch (application/octet-stream). */
export function batchPath(versionId: string, seq: number): string {
  return `/v1/versions/${encodeURIComponent(versionId)}/batches/${seq}`;
}
export const BATCH_ROUTE_PREFIX = '/v1/versions';
