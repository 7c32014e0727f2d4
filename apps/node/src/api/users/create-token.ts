// users.createToken: issues an API token for the CLI; the secret is returned once (admin).
import { createApiToken } from '../../auth/users.ts';
import { can } from '../trpc.ts';
import { CreateTokenInput } from './create-token.schema.ts';

export const createToken = can('create', 'ApiToken')
  .input(CreateTokenInput)
  .mutation(({ ctx, input }) => createApiToken(ctx.db, input, ctx.user, ctx.now()));
