// surveys.nps: NPS with promoters/passives/detractors, the 0–10 distribution and the trend per period.
import { npsSummary } from '../../crm/surveys/scores.ts';
import { can } from '../trpc.ts';
import { ScoreInput, scoreFilter } from './score-input.ts';

export const nps = can('read', 'Survey')
  .input(ScoreInput)
  .query(async ({ ctx, input }) => npsSummary(ctx.db, await scoreFilter(ctx, input), input.period));
