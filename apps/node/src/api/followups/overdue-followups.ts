// followups.overdue: open follow-ups past their due date, counted per owner and listed.
import { z } from 'zod';
import { listFollowUps, overdueByOwner } from '../../crm/followups/followups.ts';
import { atOneInstant, depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { followUpScope, Owner, ownerId } from './list-followups.ts';

export const OverdueInput = z.object({
  owner: Owner.default('all'),
  limit: z.number().int().min(1).max(500).default(100),
});

export const overdue = can('read', 'FollowUp')
  .input(OverdueInput)
  .query(async ({ ctx, input }) => {
    // Both answers as of one instant.
    const deps = atOneInstant(depsOf(ctx));
    const visible = followUpScope(ctx.ability, 'read');
    const [byOwner, items] = await Promise.all([
      overdueByOwner(deps, { visible }),
      listFollowUps(deps, {
        ownerId: ownerId(input.owner, ctx.user.id),
        overdueOnly: true,
        limit: input.limit,
        visible,
      }),
    ]);
    return { byOwner, items };
  });
