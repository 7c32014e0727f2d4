// channels.setCost: what a channel cost in a month (replaces an earlier entry for that month).

import { z } from 'zod';
import { setChannelCost } from '../../crm/channels/costs.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const SetCostInput = z.object({
  source: z.string().trim().min(1).max(100),
  medium: z.string().trim().min(1).max(100),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  cost: z.number().min(0).max(1e12),
  note: z.string().max(500).nullish(),
});

export const setCost = can('create', 'ChannelCost')
  .input(SetCostInput)
  .mutation(({ ctx, input }) => setChannelCost(depsOf(ctx), { ...input, actorId: ctx.user.id }));
