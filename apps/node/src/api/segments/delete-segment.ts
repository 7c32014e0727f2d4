// segments.delete / segments.restore: soft delete of a saved segment and its undo.

import { z } from 'zod';
import { setSegmentDeleted } from '../../crm/segments/segments.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

const ById = z.object({ id: z.string().uuid() });

export const remove = can('delete', 'Segment')
  .input(ById)
  .mutation(({ ctx, input }) => setSegmentDeleted(depsOf(ctx), { id: input.id, deleted: true }));

export const restore = can('delete', 'Segment')
  .input(ById)
  .mutation(({ ctx, input }) => setSegmentDeleted(depsOf(ctx), { id: input.id, deleted: false }));
