// Contract: match requests (insight, cross-sell list, referral list) and their outputs.
import { z } from 'zod';
import type { OutputPolicy } from './collaborations.ts';
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

/** What every kind of answer carries. */
const OutputBase = {
  matchId: Id,
  /** True when an identical earlier query over the same data versions was answered from cache (no charge). */
  cached: z.boolean(),
  kMin: z.number().int(),
  /** Data versions the answer was computed on (`versionId.revision`, joined). */
  dataVersion: z.string(),
  createdAt: Timestamp,
};

/** Cross-sell: the list delivered to the requester. */
export const DeliveredList = z.object({ listId: Id, size: z.number().int(), expiresAt: Timestamp });

/** One answer per kind: adding a kind adds one member here and one handler in the clean room (docs/architecture.md). */
export const RequestMatchOutput = z.discriminatedUnion('kind', [
  z.object({ ...OutputBase, kind: z.literal('insight'), insight: Insight }),
  z.object({ ...OutputBase, kind: z.literal('cross_sell_list'), list: DeliveredList }),
  z.object({ ...OutputBase, kind: z.literal('referral_list'), referrals: z.array(Referral) }),
]);
export type RequestMatchOutput = z.infer<typeof RequestMatchOutput>;
/** The answer to a request of kind K. */
export type MatchOutputOf<K extends MatchKind> = Extract<RequestMatchOutput, { kind: K }>;

/** The policy switch each kind needs; insight answers are always allowed (they are noisy counts). */
const ALLOWED_BY: Record<
  MatchKind,
  (policy: Pick<OutputPolicy, 'crossSellLists' | 'referralLists'>) => boolean
> = {
  insight: () => true,
  cross_sell_list: (p) => p.crossSellLists,
  referral_list: (p) => p.referralLists,
};

/** Whether a collaboration's policy allows a kind: the one rule the clean room, the node, the CLI and the console read. */
export function kindAllowed(
  policy: Pick<OutputPolicy, 'crossSellLists' | 'referralLists'>,
  kind: MatchKind,
): boolean {
  return ALLOWED_BY[kind](policy);
}

/** Every kind the policy allows, in the order MatchKind lists them. */
export function allowedKinds(policy: Pick<OutputPolicy, 'crossSellLists' | 'referralLists'>): MatchKind[] {
  return MatchKind.options.filter((k) => kindAllowed(policy, k));
}

/** Narrows an answer to the kind asked for (a client that asked for insight reads `.insight`); throws on a mismatch. */
export function outputOfKind<K extends MatchKind>(out: RequestMatchOutput, kind: K): MatchOutputOf<K> {
  if (out.kind !== kind) throw new Error(`expected an answer of kind ${kind}, got ${out.kind}`);
  return out as MatchOutputOf<K>;
}
