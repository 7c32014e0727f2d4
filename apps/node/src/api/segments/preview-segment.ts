// segments.preview: live count of the customers a rule matches, for the rule builder, with a small sample of
// members for callers who may read customers (others get the count only).
import { z } from 'zod';
import { sampleSegment } from '../../crm/segments/options.ts';
import { SegmentRule } from '../../crm/segments/rule.ts';
import { countSegment } from '../../crm/segments/segments.ts';
import { atOneInstant, depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const PreviewSegmentInput = z.object({
  rule: SegmentRule,
  /** How many members to show beside the count (0 = count only). */
  sample: z.number().int().min(0).max(20).default(0),
});

export const preview = can('read', 'Segment')
  .input(PreviewSegmentInput)
  .query(async ({ ctx, input }) => {
    const deps = atOneInstant(depsOf(ctx));
    const asOf = deps.now();
    const count = await countSegment(deps, { rule: input.rule });
    const mayRead = ctx.ability.can('read', 'Customer');
    const sample =
      input.sample > 0 && mayRead
        ? await sampleSegment(deps, { rule: input.rule, limit: input.sample })
        : null;
    return { count, asOf, sample };
  });
