// Contract: cross-partner campaign measurement — a list's receiver publishes which list members were treated,
// held out and converted; the partners who enabled the list get noisy, kMin-suppressed counts (docs/campaigns.md).
import { z } from 'zod';
import { Id, MemberIdHex, Timestamp } from './common.ts';

/** Members per call; a campaign audience beyond this is published as several measurements (one per list). */
export const MAX_MEASUREMENT_MEMBERS = 200_000;

/** Coarse revenue bands the receiver may attach; released only alongside an unsuppressed conversion count. */
export const REVENUE_BANDS = ['0', '1–1k', '1k–10k', '10k–100k', '100k–1M', '1M+'] as const;
export const RevenueBand = z.enum(REVENUE_BANDS);
export type RevenueBand = z.infer<typeof RevenueBand>;

export const PublishMeasurementInput = z.object({
  collaborationId: Id,
  /** A list delivered to the caller; only its members count (anything else is ignored and reported). */
  listId: Id,
  /** The receiver's own label for the campaign (opaque to the clean room); a re-publish replaces the set. */
  campaignKey: z.string().trim().min(1).max(100),
  /** Contacted members of the treatment group. */
  treated: z.array(MemberIdHex).max(MAX_MEASUREMENT_MEMBERS),
  /** Members of the random holdout (never contacted). */
  holdout: z.array(MemberIdHex).max(MAX_MEASUREMENT_MEMBERS),
  /** Members (of either group) who converted within the campaign's attribution window. */
  converted: z.array(MemberIdHex).max(MAX_MEASUREMENT_MEMBERS),
  revenueBand: RevenueBand.nullable().default(null),
});
export type PublishMeasurementInput = z.input<typeof PublishMeasurementInput>;

export const PublishMeasurementOutput = z.object({
  measurementId: Id,
  version: z.number().int(),
  /** Members accepted (on the list, not withdrawn since); `ignored` were not on the list. */
  accepted: z.object({ treated: z.number().int(), holdout: z.number().int(), converted: z.number().int() }),
  ignored: z.number().int(),
});

export const MeasurementSummary = z.object({
  id: Id,
  collaborationId: Id,
  listId: Id,
  /** The partner that ran the campaign (the list's receiver). */
  publisherId: Id,
  /** Partners whose publications made the list possible; only they may request results. */
  enablerIds: z.array(Id),
  campaignKey: z.string(),
  version: z.number().int(),
  publishedAt: Timestamp,
});
export type MeasurementSummary = z.infer<typeof MeasurementSummary>;

export const ListMeasurementsInput = z.object({ collaborationId: Id.optional() }).default({});
export const ListMeasurementsOutput = z.object({ measurements: z.array(MeasurementSummary) });

export const MeasurementResultInput = z.object({ measurementId: Id });

/** One released count: null when suppressed (below kMin after noise). */
export const NoisyCount = z.object({ count: z.number().int().nullable(), suppressed: z.boolean() });

export const MeasurementResultOutput = z.object({
  measurementId: Id,
  collaborationId: Id,
  listId: Id,
  campaignKey: z.string(),
  /** True when the same query over the same data version was answered before (same numbers, no charge). */
  cached: z.boolean(),
  kMin: z.number().int(),
  dataVersion: z.string(),
  treated: NoisyCount,
  treatedConversions: NoisyCount,
  holdout: NoisyCount,
  holdoutConversions: NoisyCount,
  /** Treatment rate − holdout rate from the noisy counts (post-processing); null when any input is suppressed. */
  lift: z.number().nullable(),
  revenueBand: RevenueBand.nullable(),
  epsilonCharged: z.number(),
  epsilonRemaining: z.number(),
  noiseScale: z.number(),
  createdAt: Timestamp,
});
export type MeasurementResultOutput = z.infer<typeof MeasurementResultOutput>;
