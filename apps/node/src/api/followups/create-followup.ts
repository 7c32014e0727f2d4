// followups.create: plans the next contact with a customer (owner defaults to the caller).
import { z } from 'zod';
import { createFollowUp } from '../../crm/followups/followups.ts';
import { depsOf } from '../../deps.ts';
import { Day } from '../customers/schemas.ts';
import { can } from '../trpc.ts';

export const CreateFollowUpInput = z.object({
  customerId: z.string().uuid(),
  ownerId: z.string().min(1).max(100).optional(),
  dueDate: Day,
  channel: z.string().trim().min(1).max(50).nullish(),
  note: z.string().trim().max(4000).nullish(),
});

export const create = can('create', 'FollowUp')
  .input(CreateFollowUpInput)
  .mutation(({ ctx, input }) =>
    createFollowUp(depsOf(ctx), { ...input, ownerId: input.ownerId ?? ctx.user.id, createdBy: ctx.user.id }),
  );
