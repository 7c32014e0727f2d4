// surveys.list: every survey with its questions.
import { listSurveys } from '../../crm/surveys/surveys.ts';
import { can } from '../trpc.ts';

export const list = can('read', 'Survey').query(({ ctx }) => listSurveys(ctx.db));
