// deals.create: an opportunity entered by hand (owner defaults to the caller).
import { z } from 'zod';
import { createDeal, DEAL_STAGES } from '../../crm/deals/deals.ts';
import { depsOf } from '../../deps.ts';
import { Day } from '../customers/schemas.ts';
import { can } from '../trpc.ts';

export const CreateDealInput = z.object({
  title: z.string().trim().min(1).max(200),
  customerId: z.string().uuid(),
  amount: z.number().min(0).max(1e12),
  expectedClose: Day,
  stage: z.enum(DEAL_STAGES).optional(),
  probability: z.number().int().min(0).max(100).optional(),
  product: z.string().trim().min(1).max(200).nullish(),
  category: z.string().trim().min(1).max(200).nullish(),
  ownerId: z.string().min(1).max(100).optional(),
});

export const create = can('create', 'Deal')
  .input(CreateDealInput)
  .mutation(({ ctx, input }) =>
    createDeal(depsOf(ctx), { ...input, ownerId: input.ownerId ?? ctx.user.id, actor: ctx.user }),
  );
