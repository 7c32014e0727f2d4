// interactions.delete / interactions.restore: soft delete of a mistaken entry and its undo (an edit, so `update`).

import { z } from 'zod';
import { setInteractionDeleted } from '../../crm/history/interactions.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

const ById = z.object({ id: z.string().uuid() });

export const remove = can('update', 'Interaction')
  .input(ById)
  .mutation(({ ctx, input }) => setInteractionDeleted(depsOf(ctx), { id: input.id, deleted: true }));

export const restore = can('update', 'Interaction')
  .input(ById)
  .mutation(({ ctx, input }) => setInteractionDeleted(depsOf(ctx), { id: input.id, deleted: false }));
