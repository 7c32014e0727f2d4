// surveys.customerScores: one customer's NPS and CSAT answers, newest first.
import { z } from 'zod';
import { customerScores as scores } from '../../crm/surveys/scores.ts';
import { can } from '../trpc.ts';

export const customerScores = can('read', 'Survey')
  .input(z.object({ customerId: z.uuid() }))
  .query(({ ctx, input }) => scores(ctx.db, input.customerId));
