// segments.preview: live count of the customers a rule matches, for the rule builder.
import { z } from 'zod';
import { SegmentRule } from '../../crm/segments/rule.ts';
import { countSegment } from '../../crm/segments/segments.ts';
import { can } from '../trpc.ts';

export const PreviewSegmentInput = z.object({ rule: SegmentRule });

export const preview = can('read', 'Segment')
  .input(PreviewSegmentInput)
  .query(async ({ ctx, input }) => {
    const asOf = ctx.now();
    return { count: await countSegment(ctx.db, input.rule, asOf), asOf };
  });
