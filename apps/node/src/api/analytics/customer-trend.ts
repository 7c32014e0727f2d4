// analytics.customerTrend: new and active customers, purchases and revenue per period.
import { z } from 'zod';
import { customerTrend as trend } from '../../crm/analytics/customer-trend.ts';
import { PERIODS } from '../../crm/analytics/filters.ts';
import { can } from '../trpc.ts';

export const CustomerTrendInput = z.object({
  period: z.enum(PERIODS).default('month'),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

export const customerTrend = can('read', 'Analytics')
  .input(CustomerTrendInput)
  .query(({ ctx, input }) => trend(ctx.db, input));
