// auth.login: email + password → session cookie (httpOnly, SameSite=Lax); rate-limited per source and account+source.
import { z } from 'zod';
import { sessionCookie } from '../../auth/cookies.ts';
import { login as loginUser, SESSION_TTL_MS } from '../../auth/sessions.ts';
import { depsOf } from '../../deps.ts';
import { publicProcedure } from '../trpc.ts';

export const LoginInput = z.object({
  email: z.string().email().max(200),
  password: z.string().min(1).max(500),
});

export const login = publicProcedure.input(LoginInput).mutation(async ({ ctx, input }) => {
  const headers = ctx.http?.headers ?? {};
  const agent = headers['user-agent'];
  const result = await loginUser(
    { ...depsOf(ctx), loginGuard: ctx.loginGuard },
    {
      email: input.email,
      password: input.password,
      ip: ctx.http?.ip ?? 'local',
      userAgent: Array.isArray(agent) ? agent[0] : agent,
    },
  );
  ctx.http?.setHeader(
    'Set-Cookie',
    sessionCookie(result.token, SESSION_TTL_MS / 1000, headers, ctx.http?.secure ?? false),
  );
  // The session token travels only in the httpOnly cookie: script on the page never sees it. Non-browser
  // clients (CLI, scripts) use API tokens from users.createToken instead.
  return { user: result.user, expiresAt: result.expiresAt };
});
