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

/** What clients show and accept for a kind, and where its payload sits in the answer. */
export interface MatchKindInfo<K extends MatchKind = MatchKind> {
  /** The console's words for it ("Overlap counts"). */
  label: string;
  /** What `concord match request --kind` accepts for it. */
  cliAlias: string;
  /** The answer's own field for this kind (besides the fields every answer carries). */
  payload: Exclude<keyof MatchOutputOf<K>, keyof typeof OutputBase | 'kind'>;
  /** Whether the request carries an offer (what the partner contacts its members with). */
  takesOffer: boolean;
}

/** Every kind's client-facing facts: the console's labels and radio list, the CLI's aliases and the node's payload. */
export const MATCH_KIND_INFO: { [K in MatchKind]: MatchKindInfo<K> } = {
  insight: { label: 'Overlap counts', cliAlias: 'insight', payload: 'insight', takesOffer: false },
  cross_sell_list: { label: 'Cross-sell list', cliAlias: 'cross-sell', payload: 'list', takesOffer: false },
  referral_list: { label: 'Referral list', cliAlias: 'referral', payload: 'referrals', takesOffer: true },
};

/** The kind a CLI alias names, or undefined. */
export function kindOfCliAlias(alias: string): MatchKind | undefined {
  return MatchKind.options.find((k) => MATCH_KIND_INFO[k].cliAlias === alias);
}

/** The kind-specific part of an answer (`insight`, `list`, `referrals`, …), read through the registry. */
export function payloadOf(out: RequestMatchOutput): unknown {
  const key = MATCH_KIND_INFO[out.kind].payload;
  return (out as Record<string, unknown>)[key];
}

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

/**
 * Narrows an answer to the kind asked for (a client that asked for insight reads `.insight`); throws on a mismatch.
 * Generic over the answer so a node report (the answer plus what the node added) narrows the same way.
 */
export function outputOfKind<O extends RequestMatchOutput, K extends MatchKind>(
  out: O,
  kind: K,
): Extract<O, { kind: K }> {
  if (out.kind !== kind) throw new Error(`expected an answer of kind ${kind}, got ${out.kind}`);
  return out as Extract<O, { kind: K }>;
}
