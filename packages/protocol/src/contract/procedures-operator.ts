// The clean room operator's calls (`concord cleanroom …`, the operator console): partners, invitations, audit.
import { z } from 'zod';
import { AuditEventsInput, AuditEventsOutput, SweepOutput, VerifyAuditOutput } from './audit.ts';
import {
  InvitationRefInput,
  InviteInput,
  InviteOutput,
  ListInvitationsOutput,
  RevokeInvitationOutput,
} from './invitations.ts';
import {
  AddPartnerInput,
  AddPartnerOutput,
  PartnerPublic,
  PartnerRefInput,
  RotateCredentialOutput,
  SetPartnerStatusInput,
  SetPublicKeyInput,
} from './partners.ts';
import { def, Empty } from './procedure-def.ts';

export const OPERATOR_PROCEDURES = {
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
