// segments.list / segments.get: saved segments with their rule and last materialization.
import { z } from 'zod';
import { getSegment, listSegments } from '../../crm/segments/segments.ts';
import { can } from '../trpc.ts';

export const list = can('read', 'Segment').query(({ ctx }) => listSegments(ctx.db));

export const get = can('read', 'Segment')
  .input(z.object({ id: z.string().uuid() }))
  .query(({ ctx, input }) => getSegment(ctx.db, input.id));
