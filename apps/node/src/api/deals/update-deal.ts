// deals.update: move a deal along the pipeline or edit it; `won` writes the purchase.
import { z } from 'zod';
import { DEAL_STAGES, updateDeal } from '../../crm/deals/deals.ts';
import { depsOf } from '../../deps.ts';
import { Day } from '../customers/schemas.ts';
import { can } from '../trpc.ts';

export const UpdateDealInput = z.object({
  id: z.string().uuid(),
  patch: z.object({
    stage: z.enum(DEAL_STAGES).optional(),
    amount: z.number().min(0).max(1e12).optional(),
    probability: z.number().int().min(0).max(100).optional(),
    expectedClose: Day.optional(),
    ownerId: z.string().min(1).max(100).optional(),
  }),
});

export const update = can('update', 'Deal')
  .input(UpdateDealInput)
  .mutation(({ ctx, input }) => updateDeal(depsOf(ctx), { ...input, actor: ctx.user }));
