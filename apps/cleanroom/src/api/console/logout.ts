// operatorAuth.logout: ends the console session and clears its cookie (harmless without one).
import { z } from 'zod';
import { endSession, operatorCookie, sessionCookieOf } from '../../operator/sessions.ts';
import { publicProcedure } from '../trpc.ts';

export const LogoutOutput = z.object({ signedIn: z.literal(false) });

export const logout = publicProcedure.output(LogoutOutput).mutation(async ({ ctx }) => {
  const token = sessionCookieOf(ctx.headers);
  if (token) await endSession(ctx.db, token);
  ctx.setHeader?.('Set-Cookie', operatorCookie('', ctx.headers));
  return { signedIn: false as const };
});
