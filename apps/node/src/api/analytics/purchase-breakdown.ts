// analytics.purchaseBreakdown: purchases by product, category, price band or period, optionally for one segment.
import { z } from 'zod';
import { PERIODS } from '../../crm/analytics/filters.ts';
import { purchaseBreakdown as breakdown } from '../../crm/analytics/purchase-breakdown.ts';
import { segmentCustomerIdsQuery } from '../../crm/segments/segments.ts';
import { can } from '../trpc.ts';

/** Ascending lower bounds of price bands (shared with analytics.crossTab). */
export const Bands = z
  .array(z.number().min(0))
  .min(1)
  .max(50)
  .refine((b) => b.every((v, i) => i === 0 || v > b[i - 1]!), 'bands must ascend');

export const PurchaseBreakdownInput = z.object({
  dimension: z.enum(['product', 'category', 'price_band', 'period']),
  period: z.enum(PERIODS).default('month'),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  bands: Bands.optional(),
  segmentId: z.string().uuid().optional(),
});

export const purchaseBreakdown = can('read', 'Analytics')
  .input(PurchaseBreakdownInput)
  .query(async ({ ctx, input }) => {
    const segmentIds = input.segmentId
      ? await segmentCustomerIdsQuery(ctx.db, input.segmentId, ctx.now())
      : undefined;
    return breakdown(ctx.db, { ...input, segmentIds });
  });
