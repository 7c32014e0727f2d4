// Contract: invitations — the operator issues a one-time code bound to a name and industry; the node redeems it.
import { z } from 'zod';
import { Id, Industry, Name, PublicKey, Timestamp } from './common.ts';
import { PartnerPublic } from './partners.ts';

export const InvitationStatus = z.enum(['open', 'redeemed', 'expired', 'revoked']);

export const InvitationView = z.object({
  id: Id,
  name: Name,
  industry: Industry,
  status: InvitationStatus,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  redeemedAt: Timestamp.nullable(),
  partnerId: Id.nullable(),
});
export type InvitationView = z.infer<typeof InvitationView>;

export const InviteInput = z.object({
  name: Name,
  industry: Industry,
  /** How long the code stays valid (default 7 days). */
  ttlHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
});
/** `code` is shown exactly once; the clean room keeps only its SHA-256. */
export const InviteOutput = z.object({ invitation: InvitationView, code: z.string() });
export const ListInvitationsOutput = z.object({ invitations: z.array(InvitationView) });
export const InvitationRefInput = z.object({ invitationId: Id });
export const RevokeInvitationOutput = z.object({ invitation: InvitationView });

/** Redeeming needs no credential: the one-time code is the proof. */
export const RedeemInvitationInput = z.object({ code: z.string().min(10).max(200), publicKey: PublicKey });
export const RedeemInvitationOutput = z.object({ partner: PartnerPublic, credential: z.string() });
