// Contract: match requests (insight, cross-sell list, referral list) and their outputs.
import { z } from 'zod';
import { Id, Purpose, Timestamp } from './common.ts';

export const MatchKind = z.enum(['insight', 'cross_sell_list', 'referral_list']);
export type MatchKind = z.infer<typeof MatchKind>;

export const RequestMatchInput = z.object({
  collaborationId: Id,
  /** The requester's own publication (segment). */
  requesterPublicationId: Id,
  /** Partner publications to match against (each owned by another member). */
  partnerPublicationIds: z.array(Id).min(1).max(16),
  /** Must be one of the collaboration's purposes; both sides' purpose masks must allow it. */
  purpose: Purpose,
  kind: MatchKind,
  /** Referral lists only: what the partner is asked to offer its members. */
  offer: z
    .object({ title: z.string().min(1).max(200), description: z.string().max(2000).default('') })
    .optional(),
});
export type RequestMatchInput = z.input<typeof RequestMatchInput>;

export const InsightCell = z.object({
  partnerPublicationId: Id,
  partnerId: Id,
  /** Noisy count of distinct requester members matched; null when suppressed (below kMin). */
  count: z.number().int().nullable(),
  suppressed: z.boolean(),
});

export const Insight = z.object({
  cells: z.array(InsightCell),
  epsilonCharged: z.number(),
  epsilonRemaining: z.number(),
  /** Laplace scale used (sensitivity / epsilon). */
  noiseScale: z.number(),
});

export const Referral = z.object({
  partnerPublicationId: Id,
  partnerId: Id,
  /** False when the partner-side list would be below kMin (nothing delivered). */
  delivered: z.boolean(),
});

export const RequestMatchOutput = z.object({
  matchId: Id,
  kind: MatchKind,
  /** True when an identical earlier query over the same data versions was answered from cache (no charge). */
  cached: z.boolean(),
  kMin: z.number().int(),
  /** Data versions the answer was computed on (`versionId.revision`, joined). */
  dataVersion: z.string(),
  createdAt: Timestamp,
  insight: Insight.nullable(),
  /** Cross-sell: the list delivered to the requester. */
  list: z.object({ listId: Id, size: z.number().int(), expiresAt: Timestamp }).nullable(),
  referrals: z.array(Referral).nullable(),
});
export type RequestMatchOutput = z.infer<typeof RequestMatchOutput>;
