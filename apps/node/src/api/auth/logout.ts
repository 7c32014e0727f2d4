// auth.logout: ends the current session and clears the cookie (harmless without one).
import { bearerToken, clearedSessionCookie, readCookie, sessionCookieName } from '../../auth/cookies.ts';
import { logout as endSession } from '../../auth/sessions.ts';
import { depsOf } from '../../deps.ts';
import { publicProcedure } from '../trpc.ts';

export const logout = publicProcedure.mutation(async ({ ctx }) => {
  const headers = ctx.http?.headers ?? {};
  const token = readCookie(headers, sessionCookieName(headers)) ?? bearerToken(headers);
  if (token) await endSession(depsOf(ctx), token);
  ctx.http?.setHeader('Set-Cookie', clearedSessionCookie(headers, ctx.http?.secure ?? false));
  return { ok: true as const };
});
