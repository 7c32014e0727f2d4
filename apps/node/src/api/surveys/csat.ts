// surveys.csat: average CSAT, share satisfied, the 1–5 distribution and the trend per period.
import { csatSummary } from '../../crm/surveys/scores.ts';
import { can } from '../trpc.ts';
import { ScoreInput, scoreFilter } from './score-input.ts';

export const csat = can('read', 'Survey')
  .input(ScoreInput)
  .query(async ({ ctx, input }) => csatSummary(ctx.db, await scoreFilter(ctx, input), input.period));
