// Contract: versioned publications (begin → binary batches → commit), directory, and withdrawal deltas.
import { z } from 'zod';
import { Description, Id, MemberIdHex, Name, Timestamp } from './common.ts';

/**
 * The owner's compliance rules per collaboration purpose (index i = purposes[i]), carried with a publication so
 * the clean room applies them at match time. Absent = no extra restriction (nodes older than these fields).
 */
const PublicationPolicyFields = {
  /** Bit i set ⇔ lists (cross-sell, referral) may be released for purposes[i]; clear = counts only. */
  listsMask: z.number().int().optional(),
  /** kMin floor per purpose index; the strictest among every touched publication wins. */
  kMinByPurpose: z.array(z.number().int().min(1).max(1_000_000)).max(32).optional(),
};

export const PublicationVersionStatus = z.enum(['uploading', 'live', 'superseded', 'aborted', 'expired']);

export const BeginPublicationInput = z.object({
  collaborationId: Id,
  /** The node's stable key for the segment; a new version of the same key replaces the old one on commit. */
  segmentKey: z.string().min(1).max(200),
  name: Name,
  description: Description.default(''),
  /** Optional per-dataset redaction threshold (InfoSum-style); the strictest kMin wins. */
  kMin: z.number().int().min(1).max(1_000_000).optional(),
  ...PublicationPolicyFields,
  /** The owner's own retention for this data (days); the version expires at the earlier of this and the policy's. */
  retentionDays: z.number().int().min(1).max(3650).optional(),
});
export type BeginPublicationInput = z.input<typeof BeginPublicationInput>;

export const BeginPublicationOutput = z.object({
  publicationId: Id,
  versionId: Id,
  /** 1-based version number of the segment within this collaboration. */
  version: z.number().int(),
  status: PublicationVersionStatus,
  /** Batch sequence numbers already stored (non-empty when resuming after a crash). */
  receivedBatches: z.array(z.number().int()),
  /** Relative path to PUT batches to: `${uploadPath}/${seq}`. */
  uploadPath: z.string(),
});
export type BeginPublicationOutput = z.infer<typeof BeginPublicationOutput>;

/** Response of `PUT /v1/versions/:versionId/batches/:seq` (body: application/octet-stream, batch v1). */
export const UploadBatchOutput = z.object({
  versionId: Id,
  seq: z.number().int(),
  records: z.number().int(),
  /** True when this seq was already stored with the same checksum (a retry); nothing was added. */
  duplicate: z.boolean(),
});
export type UploadBatchOutput = z.infer<typeof UploadBatchOutput>;

export const MAX_BATCH_SEQ = 1_000_000;

export const CommitPublicationInput = z.object({
  versionId: Id,
  /** Batches 0..batchCount-1 must all be stored. */
  batchCount: z.number().int().min(0).max(MAX_BATCH_SEQ),
  /** Total records across batches; a mismatch refuses the commit (BAD_BATCH). */
  recordCount: z.number().int().min(0),
});

export const CommitPublicationOutput = z.object({
  publicationId: Id,
  versionId: Id,
  version: z.number().int(),
  records: z.number().int(),
  members: z.number().int(),
  committedAt: Timestamp,
  expiresAt: Timestamp,
});
export type CommitPublicationOutput = z.infer<typeof CommitPublicationOutput>;

export const VersionRefInput = z.object({ versionId: Id });
export const AbortPublicationOutput = z.object({ versionId: Id, status: PublicationVersionStatus });

/** Size bands shown to partners instead of exact sizes. */
export const SizeBand = z.enum(['<1k', '1k-10k', '10k-100k', '100k-1M', '1M-10M', '>=10M']);

export const PublicationSummary = z.object({
  id: Id,
  collaborationId: Id,
  ownerId: Id,
  name: Name,
  description: z.string(),
  /** Null until a first version is committed. */
  liveVersion: z.number().int().nullable(),
  sizeBand: SizeBand.nullable(),
  committedAt: Timestamp.nullable(),
  expiresAt: Timestamp.nullable(),
  /** Present only for the owner. */
  segmentKey: z.string().nullable(),
  /** Exact member count; present only for the owner. */
  members: z.number().int().nullable(),
});
export type PublicationSummary = z.infer<typeof PublicationSummary>;

export const ListPublicationsInput = z.object({ collaborationId: Id });
export const ListPublicationsOutput = z.object({ publications: z.array(PublicationSummary) });

export const SendDeltasInput = z.object({
  publicationId: Id,
  /** Members to remove at once (consent withdrawn, erasure) from the live and any uploading version. */
  removeMemberIds: z.array(MemberIdHex).min(1).max(100_000),
});
export type SendDeltasInput = z.input<typeof SendDeltasInput>;
export const SendDeltasOutput = z.object({
  publicationId: Id,
  /** Rows (tokens) removed across versions. */
  removedTokens: z.number().int(),
  /** Data revision after the delta; part of the DP noise seed, so answers change with the data. */
  revision: z.number().int(),
  /**
   * Unexpired lists delivered to other partners that were derived from this publication: the removal was applied
   * to each (a list member matched only through a removed member left it). Every such list is named whether or
   * not it held the member, so the publisher learns nothing about the partner's customers (Art. 19 trail).
   */
  derivedLists: z
    .array(z.object({ listId: Id, receiverId: Id, kind: z.enum(['cross_sell', 'referral']) }))
    .default([]),
});
export type SendDeltasOutput = z.infer<typeof SendDeltasOutput>;

/**
 * `publications.tighten`: the owner's rules got stricter — applies at once to the live publication (no republish).
 * Monotone: kMins only rise, the lists mask only loses bits, so a replayed or late call can never loosen.
 */
export const TightenPublicationInput = z.object({
  publicationId: Id,
  ...PublicationPolicyFields,
});
export type TightenPublicationInput = z.input<typeof TightenPublicationInput>;
export const TightenPublicationOutput = z.object({
  publicationId: Id,
  /** The policy now in force (after taking the stricter of the old and the new). */
  listsMask: z.number().int().nullable(),
  kMinByPurpose: z.array(z.number().int()).nullable(),
});
export type TightenPublicationOutput = z.infer<typeof TightenPublicationOutput>;
