// surveys.search: free-text answers matching a query (web-search syntax), newest first.
import { z } from 'zod';
import { searchVerbatims } from '../../crm/surveys/answers.ts';
import { can } from '../trpc.ts';

export const SearchInput = z.object({
  q: z.string().trim().min(1).max(200),
  surveyId: z.uuid().optional(),
  limit: z.number().int().min(1).max(500).default(50),
});

export const search = can('read', 'Survey')
  .input(SearchInput)
  .query(({ ctx, input }) => searchVerbatims(ctx.db, input));
