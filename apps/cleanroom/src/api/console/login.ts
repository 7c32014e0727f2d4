// operatorAuth.login: the operator console signs in with the operator token; the answer sets an httpOnly session
// cookie (SameSite=Strict) and carries no secret. The console header is required here too (no login CSRF).
import { ConcordError } from '@concord/protocol/errors';
import { z } from 'zod';
import { CONSOLE_HEADER, fromConsole, operatorCookie, signInOperator } from '../../operator/sessions.ts';
import { publicProcedure } from '../trpc.ts';

export const LoginInput = z.object({ token: z.string().trim().min(1, 'enter the operator token').max(500) });
export const LoginOutput = z.object({ signedIn: z.literal(true) });

export const login = publicProcedure
  .input(LoginInput)
  .output(LoginOutput)
  .mutation(async ({ ctx, input }) => {
    if (!fromConsole(ctx.headers)) {
      throw new ConcordError('CROSS_SITE_REFUSED', `console sign-in must carry the ${CONSOLE_HEADER} header`);
    }
    const token = await signInOperator(ctx.db, ctx.now(), ctx.config.operatorToken, input.token).catch(
      (error: unknown) => {
        ctx.logger.warn('operator console sign-in refused');
        throw error;
      },
    );
    ctx.setHeader?.('Set-Cookie', operatorCookie(token, ctx.headers));
    ctx.logger.info('operator console session opened');
    return { signedIn: true as const };
  });
