// analytics.rfm: recency x frequency grid and named RFM classes, as of now (or a given time).
import { z } from 'zod';
import { rfmAnalysis } from '../../crm/analytics/rfm.ts';
import { can } from '../trpc.ts';

export const rfm = can('read', 'Analytics')
  .input(z.object({ asOf: z.coerce.date().optional() }).default({}))
  .query(({ ctx, input }) => rfmAnalysis(ctx.db, input.asOf ?? ctx.now()));
