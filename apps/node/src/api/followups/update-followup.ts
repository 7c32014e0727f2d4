// followups.update: reschedule, reassign, complete or cancel a planned contact.
import { z } from 'zod';
import { updateFollowUp } from '../../crm/followups/followups.ts';
import { depsOf } from '../../deps.ts';
import { Day } from '../customers/schemas.ts';
import { can } from '../trpc.ts';
import { followUpScope } from './list-followups.ts';

export const UpdateFollowUpInput = z.object({
  id: z.string().uuid(),
  patch: z.object({
    ownerId: z.string().min(1).max(100).optional(),
    dueDate: Day.optional(),
    channel: z.string().trim().min(1).max(50).nullish(),
    note: z.string().trim().max(4000).nullish(),
    status: z.enum(['open', 'done', 'cancelled']).optional(),
  }),
});

export const update = can('update', 'FollowUp')
  .input(UpdateFollowUpInput)
  .mutation(({ ctx, input }) =>
    updateFollowUp(depsOf(ctx), { ...input, visible: followUpScope(ctx.ability, 'update') }),
  );
