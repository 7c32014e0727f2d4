// setup.complete: the holder of the one-time setup code creates the first admin (public; the code is the proof).
import { z } from 'zod';
import { createApiToken } from '../../auth/api-tokens.ts';
import { depsOf } from '../../deps.ts';
import { completeSetup } from '../../setup/first-run.ts';
import { publicProcedure } from '../trpc.ts';
import { Password } from '../users/schemas.ts';

export const CompleteSetupInput = z.object({
  code: z.string().min(1).max(100),
  email: z.string().email().max(200),
  password: Password,
  displayName: z.string().max(200).nullish(),
  /** Also issue an API token for the new admin (the CLI's `concord setup` does, to carry on scripted). */
  issueToken: z.boolean().default(false),
});

export const CompleteSetupOutput = z.object({
  user: z.object({ id: z.string(), email: z.string(), role: z.literal('admin') }),
  /** Shown once; only its digest is stored. */
  token: z.string().nullable(),
});

export const complete = publicProcedure
  .input(CompleteSetupInput)
  .output(CompleteSetupOutput)
  .mutation(async ({ ctx, input }) => {
    const deps = depsOf(ctx);
    const user = await completeSetup(deps, input);
    // The new admin issues their own token (a token is issued by its holder and carries the holder's role).
    const actor = { id: user.id, email: user.email };
    const token = input.issueToken
      ? (await createApiToken(deps, { name: 'concord setup', actor })).token
      : null;
    return { user: { id: user.id, email: user.email, role: 'admin' as const }, token };
  });
