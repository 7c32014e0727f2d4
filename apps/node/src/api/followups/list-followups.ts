// followups.list: planned contacts of one owner (default: me) or everyone, by due date.
import type { AppAbility } from '@concord/access';
import { abilityWhere } from '@concord/access/sql';
import { z } from 'zod';
import { listFollowUps } from '../../crm/followups/followups.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const Owner = z.union([z.literal('me'), z.literal('all'), z.string().min(1).max(100)]);

export const ListFollowUpsInput = z.object({
  owner: Owner.default('me'),
  status: z.enum(['open', 'done', 'cancelled']).optional(),
  customerId: z.string().uuid().optional(),
  overdueOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(500).default(100),
});

export function ownerId(owner: z.infer<typeof Owner>, me: string): string | undefined {
  if (owner === 'all') return undefined;
  return owner === 'me' ? me : owner;
}

/** The follow-ups a role may see or change (marketers: their own), as SQL over alias `f`. */
export function followUpScope(ability: AppAbility, action: 'read' | 'update') {
  return abilityWhere(ability, action, 'FollowUp', { ownerId: 'f.owner_id' });
}

export const list = can('read', 'FollowUp')
  .input(ListFollowUpsInput)
  .query(({ ctx, input }) =>
    listFollowUps(depsOf(ctx), {
      ...input,
      ownerId: ownerId(input.owner, ctx.user.id),
      visible: followUpScope(ctx.ability, 'read'),
    }),
  );
