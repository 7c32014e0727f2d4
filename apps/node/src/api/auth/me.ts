// auth.me: the signed-in user and their packed CASL rules, which the console turns into `<Can>` checks.
import { packedRulesFor } from '@concord/access';
import { authedProcedure } from '../trpc.ts';

export const me = authedProcedure.query(({ ctx }) => ({
  user: ctx.user,
  rules: packedRulesFor(ctx.user),
}));
