// users.listTokens: API tokens (never their secrets): the caller's own, or every token for an admin.
import { z } from 'zod';
import { listApiTokens } from '../../auth/api-tokens.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const listTokens = can('read', 'ApiToken')
  .input(z.object({ userId: z.string().uuid().optional() }).optional())
  .query(({ ctx, input }) => listApiTokens(depsOf(ctx), { ability: ctx.ability, userId: input?.userId }));
