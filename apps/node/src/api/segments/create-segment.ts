// segments.create: saves a named rule.

import { z } from 'zod';
import { SegmentRule } from '../../crm/segments/rule.ts';
import { createSegment } from '../../crm/segments/segments.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const CreateSegmentInput = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullish(),
  rule: SegmentRule,
});

export const create = can('create', 'Segment')
  .input(CreateSegmentInput)
  .mutation(({ ctx, input }) => createSegment(depsOf(ctx), { ...input, createdBy: ctx.user.id }));
