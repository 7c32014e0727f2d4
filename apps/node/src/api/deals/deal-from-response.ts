// deals.fromResponse: turn a campaign response into an opportunity for the campaign's owner.
import { z } from 'zod';
import { dealFromResponse } from '../../crm/deals/deals.ts';
import { depsOf } from '../../deps.ts';
import { Day } from '../customers/schemas.ts';
import { can } from '../trpc.ts';

export const FromResponseInput = z.object({
  campaignId: z.string().uuid(),
  customerId: z.string().uuid(),
  amount: z.number().min(0).max(1e12),
  expectedClose: Day,
});

export const fromResponse = can('create', 'Deal')
  .input(FromResponseInput)
  .mutation(({ ctx, input }) => dealFromResponse(depsOf(ctx), { ...input, actor: ctx.user }));
