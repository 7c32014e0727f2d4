// operatorAuth.me: whether this browser holds a live operator session, with the operator's CASL rules (packed)
// for the console's navigation. The server checks the same rules in every operator procedure.
import { packedOperatorRules } from '@concord/access';
import { z } from 'zod';
import { sessionCookieOf, sessionIsLive } from '../../operator/sessions.ts';
import { publicProcedure } from '../trpc.ts';

export const MeOutput = z.object({
  signedIn: z.boolean(),
  rules: z.array(z.array(z.unknown())).nullable(),
});

export const me = publicProcedure.output(MeOutput).query(async ({ ctx }) => {
  const token = sessionCookieOf(ctx.headers);
  const live = !!token && (await sessionIsLive(ctx.db, ctx.now(), token));
  return { signedIn: live, rules: live ? (packedOperatorRules() as unknown[][]) : null };
});
