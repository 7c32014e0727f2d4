// users.createToken: the caller issues an API token for themselves (any role); the secret is returned once.
import { z } from 'zod';
import { createApiToken } from '../../auth/api-tokens.ts';
import { can } from '../trpc.ts';

export const CreateTokenInput = z.object({
  /** Optional and only ever the caller's own id: naming anyone else is refused with FORBIDDEN. */
  userId: z.string().uuid().optional(),
  name: z.string().min(1).max(100),
  expiresAt: z.coerce.date().nullish(),
});

export const createToken = can('create', 'ApiToken')
  .input(CreateTokenInput)
  .mutation(({ ctx, input }) => createApiToken(ctx.db, input, ctx.user, ctx.now()));
