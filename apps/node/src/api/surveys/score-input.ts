// The input shared by surveys.nps and surveys.csat, and its translation into a score filter.
import { z } from 'zod';
import { PERIODS } from '../../crm/analytics/filters.ts';
import { segmentCustomerIdsQuery } from '../../crm/segments/segments.ts';
import type { ScoreFilter } from '../../crm/surveys/scores.ts';
import type { Context } from '../context.ts';

export const ScoreInput = z.object({
  surveyId: z.uuid().optional(),
  questionKey: z.string().max(40).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  period: z.enum(PERIODS).default('month'),
  segmentId: z.uuid().optional(),
});

export async function scoreFilter(ctx: Context, input: z.infer<typeof ScoreInput>): Promise<ScoreFilter> {
  const segmentIds = input.segmentId
    ? await segmentCustomerIdsQuery(ctx.db, input.segmentId, ctx.now())
    : undefined;
  return { ...input, segmentIds };
}
