// Contract: the partner registry (operator-managed) and the directory every partner can read.
import { z } from 'zod';
import { Id, Industry, Name, PublicKey, Timestamp } from './common.ts';

export const PartnerStatus = z.enum(['active', 'disabled']);

/** What any partner may know about another: enough to wrap a collaboration secret for it. */
export const PartnerPublic = z.object({
  id: Id,
  name: Name,
  industry: Industry,
  publicKey: PublicKey,
  status: PartnerStatus,
  createdAt: Timestamp,
});
export type PartnerPublic = z.infer<typeof PartnerPublic>;

export const WhoAmIOutput = z.object({ partner: PartnerPublic });
export const DirectoryOutput = z.object({ partners: z.array(PartnerPublic) });

// Operator calls (authenticated with the operator token, never a partner credential).
export const AddPartnerInput = z.object({ name: Name, industry: Industry, publicKey: PublicKey });
/** `credential` is shown exactly once; the clean room keeps only its SHA-256. */
export const AddPartnerOutput = z.object({ partner: PartnerPublic, credential: z.string() });
export const PartnerRefInput = z.object({ partnerId: Id });
export const RotateCredentialOutput = z.object({ partnerId: Id, credential: z.string() });
export const SetPartnerStatusInput = z.object({ partnerId: Id, status: PartnerStatus });
export const SetPublicKeyInput = z.object({ partnerId: Id, publicKey: PublicKey });
/** A partner's own credential calls: rotate (new credential, old one stops at once) and revoke (disables it). */
export const OwnCredentialOutput = z.object({ partnerId: Id, credential: z.string() });
export const RevokeOwnOutput = z.object({ partner: PartnerPublic });
