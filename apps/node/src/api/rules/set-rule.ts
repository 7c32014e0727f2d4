// rules.set: writes the next version of a purpose's compliance rule (audited).
import { PurposeId } from '@concord/consent/events';
import { z } from 'zod';
import { setRule } from '../../consent/rules.ts';
import { can } from '../trpc.ts';

export const SetRuleInput = z.object({
  purpose: PurposeId,
  allowedIndustries: z.array(z.string().min(1).max(40)).min(1).max(20),
  maxConsentAgeDays: z.number().int().positive().nullable(),
  kMin: z.number().int().min(1).max(1_000_000),
  listsAllowed: z.boolean(),
  retentionDays: z.number().int().positive().max(3650),
  note: z.string().max(1000).nullish(),
});

export const set = can('create', 'ConsentRule')
  .input(SetRuleInput)
  .mutation(({ ctx, input }) => setRule(ctx.db, input, ctx.user, ctx.now()));
