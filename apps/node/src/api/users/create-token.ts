// users.createToken: the caller issues an API token for themselves (any role); the secret is returned once.
import { createApiToken } from '../../auth/api-tokens.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { CreateTokenInput } from './create-token.schema.ts';

export const createToken = can('create', 'ApiToken')
  .input(CreateTokenInput)
  .mutation(({ ctx, input }) => createApiToken(depsOf(ctx), { ...input, actor: ctx.user }));
