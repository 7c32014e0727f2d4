// surveys.respond (marketer): enter one customer's response by hand (answers as text, like a CSV row).
import { ConcordError } from '@concord/protocol/errors';
import { z } from 'zod';
import { type Answer, parseAnswer, recordResponses } from '../../crm/surveys/answers.ts';
import { surveysByKey } from '../../crm/surveys/surveys.ts';
import { can } from '../trpc.ts';

export const RespondInput = z.object({
  survey: z.string().min(1).max(40),
  customerId: z.uuid(),
  respondedAt: z.coerce.date().optional(),
  answers: z.record(z.string().max(40), z.string().max(5000)),
});

export const respond = can('create', 'Survey')
  .input(RespondInput)
  .mutation(async ({ ctx, input }) => {
    const survey = (await surveysByKey(ctx.db)).get(input.survey);
    if (!survey) throw new ConcordError('NOT_FOUND', 'no such survey');
    const customer = await ctx.db
      .selectFrom('customer')
      .select('id')
      .where('id', '=', input.customerId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!customer) throw new ConcordError('NOT_FOUND', 'no such customer');
    const answers: Answer[] = [];
    for (const [key, raw] of Object.entries(input.answers)) {
      if (raw.trim() === '') continue;
      const q = survey.questions.find((x) => x.key === key);
      if (!q) throw new ConcordError('BAD_INPUT', `survey ${survey.key} has no question "${key}"`);
      const a = parseAnswer(q, raw.trim());
      if (!a.ok) throw new ConcordError('BAD_INPUT', a.reason);
      answers.push(a.answer);
    }
    if (answers.length === 0) throw new ConcordError('BAD_INPUT', 'answer at least one question');
    const row = {
      externalId: null,
      survey,
      customerId: customer.id,
      respondedAt: input.respondedAt ?? ctx.now(),
      answers,
    };
    await recordResponses(ctx.db, [row], ctx.user.id);
    return { recorded: answers.length };
  });
