// users.revokeToken: revokes an API token at once (admin).
import { z } from 'zod';
import { revokeApiToken } from '../../auth/users.ts';
import { can } from '../trpc.ts';

export const revokeToken = can('delete', 'ApiToken')
  .input(z.object({ id: z.string().uuid() }))
  .mutation(({ ctx, input }) => revokeApiToken(ctx.db, input.id, ctx.user, ctx.now()));
