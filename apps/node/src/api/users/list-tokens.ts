// users.listTokens: API tokens (never their secrets), optionally of one user (admin).
import { z } from 'zod';
import { listApiTokens } from '../../auth/users.ts';
import { can } from '../trpc.ts';

export const listTokens = can('read', 'ApiToken')
  .input(z.object({ userId: z.string().uuid().optional() }).optional())
  .query(({ ctx, input }) => listApiTokens(ctx.db, input?.userId));
