// surveys.create (marketer): a survey definition with its questions.

import { createSurvey, SurveyInput } from '../../crm/surveys/surveys.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const create = can('create', 'Survey')
  .input(SurveyInput)
  .mutation(({ ctx, input }) => createSurvey(depsOf(ctx), { ...input, createdBy: ctx.user.id }));
