// users.revokeToken: revokes an API token at once: the caller's own, or any token for an admin.
import { z } from 'zod';
import { revokeApiToken } from '../../auth/api-tokens.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const revokeToken = can('delete', 'ApiToken')
  .input(z.object({ id: z.string().uuid() }))
  .mutation(({ ctx, input }) => revokeApiToken(depsOf(ctx), { id: input.id, actor: ctx.user }));
