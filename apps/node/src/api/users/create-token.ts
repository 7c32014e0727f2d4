// users.createToken: issues an API token for the CLI; the secret is returned once (admin).
import { z } from 'zod';
import { createApiToken } from '../../auth/users.ts';
import { can } from '../trpc.ts';

export const CreateTokenInput = z.object({
  userId: z.string().uuid(),
  name: z.string().min(1).max(100),
  expiresAt: z.coerce.date().nullish(),
});

export const createToken = can('create', 'ApiToken')
  .input(CreateTokenInput)
  .mutation(({ ctx, input }) => createApiToken(ctx.db, input, ctx.user, ctx.now()));
