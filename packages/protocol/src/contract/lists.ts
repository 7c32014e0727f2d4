// Contract: lists delivered to a partner (always and only that partner's own members).
import { z } from 'zod';
import { Cursor, Id, MemberIdHex, Purpose, Timestamp } from './common.ts';

export const ListKind = z.enum(['cross_sell', 'referral']);

export const ListSummary = z.object({
  id: Id,
  collaborationId: Id,
  matchId: Id,
  kind: ListKind,
  /** The receiver's own publication and version the member ids belong to. */
  publicationId: Id,
  versionId: Id,
  /** Partner publications the list was matched against. */
  counterpartPublicationIds: z.array(Id),
  /** Who asked for the match (the receiver itself for cross-sell, the partner for referrals). */
  requesterId: Id,
  purpose: Purpose,
  offer: z.object({ title: z.string(), description: z.string() }).nullable(),
  size: z.number().int(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
});
export type ListSummary = z.infer<typeof ListSummary>;

export const ListListsInput = z.object({ collaborationId: Id.optional() }).default({});
export const ListListsOutput = z.object({ lists: z.array(ListSummary) });

export const FetchListInput = z.object({
  listId: Id,
  cursor: Cursor.optional(),
  limit: z.number().int().min(1).max(100_000).default(10_000),
});
export type FetchListInput = z.input<typeof FetchListInput>;
export const FetchListOutput = z.object({
  list: ListSummary,
  /** Member ids of the receiver's own publication version, ascending. */
  memberIds: z.array(MemberIdHex),
  nextCursor: Cursor,
});
export type FetchListOutput = z.infer<typeof FetchListOutput>;

/**
 * `lists.removals`: members removed from lists already delivered to the caller, because every partner member they
 * were matched through left its publication (withdrawal, erasure, rule change, leaving). Pull with the cursor of
 * the previous answer; removals are ordered by commit.
 */
export const ListRemovalsInput = z
  .object({
    /** `nextCursor` of the previous answer; omit for the beginning. */
    after: z
      .string()
      .regex(/^[0-9]{1,19}$/)
      .optional(),
    limit: z.number().int().min(1).max(100_000).default(10_000),
  })
  .default({ limit: 10_000 });
export type ListRemovalsInput = z.input<typeof ListRemovalsInput>;
export const ListRemoval = z.object({
  listId: Id,
  /** The receiver's own member id (as in `lists.fetch`). */
  memberId: MemberIdHex,
  removedAt: Timestamp,
});
export const ListRemovalsOutput = z.object({
  removals: z.array(ListRemoval),
  /** Pass as `after` next time (unchanged when there was nothing new). */
  nextCursor: z.string(),
});
export type ListRemovalsOutput = z.infer<typeof ListRemovalsOutput>;
