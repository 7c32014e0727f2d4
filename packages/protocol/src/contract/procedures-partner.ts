// Partner identity, joining by invitation, and the collaboration lifecycle: the clean room's membership calls.
import { z } from 'zod';
import {
  ApproveCollaborationInput,
  CollaborationOutput,
  CollaborationRefInput,
  ListCollaborationsInput,
  ListCollaborationsOutput,
  ProposeCollaborationInput,
} from './collaborations.ts';
import { Id } from './common.ts';
import { RedeemInvitationInput, RedeemInvitationOutput } from './invitations.ts';
import { DirectoryOutput, OwnCredentialOutput, RevokeOwnOutput, WhoAmIOutput } from './partners.ts';
import { def, Empty } from './procedure-def.ts';

export const PARTNER_PROCEDURES = {
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
} as const;
