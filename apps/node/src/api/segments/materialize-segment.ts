// segments.materialize: stores the current membership with a timestamp (what lists and exports read).

import { z } from 'zod';
import { materializeSegment } from '../../crm/segments/segments.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const materialize = can('update', 'Segment')
  .input(z.object({ id: z.string().uuid() }))
  .mutation(({ ctx, input }) => materializeSegment(depsOf(ctx), { id: input.id }));
