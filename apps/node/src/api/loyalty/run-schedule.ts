// loyalty.runSchedule (admin): earn points for new purchases, expire old points, move members between tiers.

import { z } from 'zod';
import { runLoyaltySchedule } from '../../crm/loyalty/schedule.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const runSchedule = can('update', 'Loyalty')
  .input(z.object({ asOf: z.coerce.date().optional() }).default({}))
  .mutation(({ ctx, input }) => runLoyaltySchedule(depsOf(ctx), { asOf: input.asOf ?? ctx.now() }));
