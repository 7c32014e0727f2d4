// segments.update: renames or changes the rule (a new rule clears the materialized membership).

import { z } from 'zod';
import { SegmentRule } from '../../crm/segments/rule.ts';
import { updateSegment } from '../../crm/segments/segments.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const UpdateSegmentInput = z.object({
  id: z.string().uuid(),
  patch: z.object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(2000).nullish(),
    rule: SegmentRule.optional(),
  }),
});

export const update = can('update', 'Segment')
  .input(UpdateSegmentInput)
  .mutation(({ ctx, input }) => updateSegment(depsOf(ctx), { id: input.id, patch: input.patch }));
