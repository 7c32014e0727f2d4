// analytics.crossTab: purchases by one or two dimensions (demographics, supplier, brand, product…), k-suppressed.
import { z } from 'zod';
import { crossTab as runCrossTab } from '../../crm/analytics/cross-tab.ts';
import { DIMENSIONS } from '../../crm/analytics/dimensions.ts';
import { PERIODS } from '../../crm/analytics/filters.ts';
import { getAnalyticsPolicy } from '../../crm/analytics/policy.ts';
import { segmentCustomerIdsQuery } from '../../crm/segments/segments.ts';
import { can } from '../trpc.ts';
import { Bands } from './purchase-breakdown.ts';

export const CrossTabInput = z.object({
  rows: z.enum(DIMENSIONS),
  cols: z.enum(DIMENSIONS).optional(),
  period: z.enum(PERIODS).default('month'),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  bands: Bands.optional(),
  filters: z
    .array(z.object({ dimension: z.enum(DIMENSIONS), values: z.array(z.string().max(200)).min(1).max(100) }))
    .max(5)
    .optional(),
  segmentId: z.uuid().optional(),
});

export const crossTab = can('read', 'Analytics')
  .input(CrossTabInput)
  .query(async ({ ctx, input }) => {
    const now = ctx.now();
    const segmentIds = input.segmentId
      ? await segmentCustomerIdsQuery(ctx.db, input.segmentId, now)
      : undefined;
    const { minCellSize } = await getAnalyticsPolicy(ctx.db);
    return runCrossTab(ctx.db, { ...input, segmentIds, asOf: now, k: minCellSize });
  });
