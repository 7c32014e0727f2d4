// Contract: collaborations — proposal, approval, lifecycle, and the wrapped secret relayed to each member.
import { z } from 'zod';
import { Base64Url, Description, Id, Industry, Name, PublicKey, Purpose, Timestamp } from './common.ts';

/** `hmac` (default, keyed with the collaboration secret) or `sha256` (interoperable, weaker: dictionary-attackable). */
export const TokenMode = z.enum(['hmac', 'sha256']);
export type TokenMode = z.infer<typeof TokenMode>;

export const OutputPolicy = z.object({
  /** Smallest count or list the clean room releases; the strictest kMin among touched members wins. */
  kMin: z.number().int().min(2).max(1_000_000),
  /** Whether cross-sell lists (requester's own members) may be produced. */
  crossSellLists: z.boolean(),
  /** Whether referral lists (delivered to the partner) may be produced. */
  referralLists: z.boolean(),
  /** Total epsilon each requester may spend on insights in this collaboration. */
  epsilonBudget: z.number().positive().max(100),
  /** Epsilon charged per distinct insight query (repeats are free: same cached answer). */
  epsilonPerQuery: z.number().positive().max(10).default(0.5),
  /** A publication with fewer members cannot be matched at all. */
  minSegmentSize: z.number().int().min(1).default(100),
  /** Hours a delivered list stays fetchable. */
  listTtlHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(168),
  /** Days a published version is kept before it expires and is deleted. */
  retentionDays: z.number().int().min(1).max(3650).default(90),
  /**
   * Cross-partner campaign measurement (docs/campaigns.md): a list's receiver may publish which of the list's
   * members converted, and the partners who enabled the list get noisy, kMin-suppressed conversion counts
   * charged to their epsilon budget. Off (absent = false) unless every member approved a proposal that turns it on.
   */
  measurement: z.boolean().optional(),
});
export type OutputPolicy = z.infer<typeof OutputPolicy>;

/** Algorithm label of the key-wrapping envelope; the node owns wrapping and unwrapping. */
export const WRAP_ALG = 'X25519-HKDF-SHA256-XChaCha20Poly1305' as const;

/**
 * The collaboration secret wrapped for one member: ephemeral X25519 key, nonce and AEAD ciphertext.
 * The clean room stores and relays it verbatim; it never holds a private key that opens it.
 */
export const WrappedSecret = z.object({
  partnerId: Id,
  alg: z.literal(WRAP_ALG),
  ephemeralPublicKey: PublicKey,
  nonce: Base64Url.min(1).max(64),
  ciphertext: Base64Url.min(1).max(512),
});
export type WrappedSecret = z.infer<typeof WrappedSecret>;

export const CollaborationStatus = z.enum(['pending', 'active', 'suspended', 'ended', 'expired']);
export const MemberStatus = z.enum(['pending', 'approved', 'left']);

/**
 * The compliance officer behind a proposal or approval, as the node knows them: an opaque node-side user id or a
 * role label. The clean room receives no personal data, so anything shaped like an email is refused.
 */
export const OfficerLabel = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9._:-]*$/, 'an opaque officer label (node user id or role), never an email or a name')
  .default('');

export const ProposeCollaborationInput = z.object({
  name: Name,
  description: Description.default(''),
  /** The other members; the proposer is always a member. */
  memberIds: z.array(Id).min(1).max(15),
  /** Purposes in order; bit i of a record's purpose mask means purposes[i]. */
  purposes: z.array(Purpose).min(1).max(32),
  policy: OutputPolicy,
  tokenMode: TokenMode.default('hmac'),
  expiresAt: Timestamp,
  /** One envelope per member, the proposer included (for its other instances/restores). */
  wrappedSecrets: z.array(WrappedSecret).min(2).max(16),
  /** The proposer's own kMin floor (from its compliance rules); max with policy.kMin applies to its data. */
  kMinFloor: z.number().int().min(1).max(1_000_000).optional(),
  /** Who proposed, as a node-side label (the node's user id or a role): never personal data such as an email. */
  officer: OfficerLabel,
});
export type ProposeCollaborationInput = z.input<typeof ProposeCollaborationInput>;

export const ApproveCollaborationInput = z.object({
  collaborationId: Id,
  kMinFloor: z.number().int().min(1).max(1_000_000).optional(),
  officer: OfficerLabel,
});
export type ApproveCollaborationInput = z.input<typeof ApproveCollaborationInput>;

export const CollaborationRefInput = z.object({
  collaborationId: Id,
  reason: z.string().max(500).default(''),
});

export const CollaborationMember = z.object({
  partnerId: Id,
  name: Name,
  industry: Industry,
  publicKey: PublicKey,
  status: MemberStatus,
  approvedAt: Timestamp.nullable(),
  kMinFloor: z.number().int().nullable(),
});

export const Collaboration = z.object({
  id: Id,
  name: Name,
  description: z.string(),
  status: CollaborationStatus,
  proposerId: Id,
  purposes: z.array(Purpose),
  policy: OutputPolicy,
  tokenMode: TokenMode,
  expiresAt: Timestamp,
  createdAt: Timestamp,
  activatedAt: Timestamp.nullable(),
  suspendedBy: Id.nullable(),
  members: z.array(CollaborationMember),
  /** The secret wrapped for the calling partner (null once it left). */
  wrappedSecret: WrappedSecret.nullable(),
});
export type Collaboration = z.infer<typeof Collaboration>;

export const CollaborationOutput = z.object({ collaboration: Collaboration });
export const ListCollaborationsInput = z.object({ status: CollaborationStatus.optional() }).default({});
export const ListCollaborationsOutput = z.object({ collaborations: z.array(Collaboration) });
