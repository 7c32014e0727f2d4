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
