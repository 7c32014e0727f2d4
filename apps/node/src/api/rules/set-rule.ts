// rules.set: writes the next version of a purpose's compliance rule (audited).
import { setRule } from '../../consent/rules.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { SetRuleInput } from './set-rule.schema.ts';

export const set = can('create', 'ConsentRule')
  .input(SetRuleInput)
  .mutation(({ ctx, input }) => setRule(depsOf(ctx), { ...input, actor: ctx.user }));
