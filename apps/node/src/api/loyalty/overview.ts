// loyalty.overview: members by tier, points liability, tier movements and point flows per period.
import { z } from 'zod';
import { PERIODS } from '../../crm/analytics/filters.ts';
import { loyaltyOverview } from '../../crm/loyalty/members.ts';
import { can } from '../trpc.ts';

export const overview = can('read', 'Loyalty')
  .input(z.object({ period: z.enum(PERIODS).default('month') }).default({ period: 'month' }))
  .query(({ ctx, input }) => loyaltyOverview(ctx.db, input.period));
