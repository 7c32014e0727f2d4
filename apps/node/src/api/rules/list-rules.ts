// rules.list: the compliance rule in force for each purpose (optionally as of a past time).
import { z } from 'zod';
import { rulesInForce } from '../../consent/rules.ts';
import { can } from '../trpc.ts';

export const list = can('read', 'ConsentRule')
  .input(z.object({ at: z.coerce.date().optional() }).optional())
  .query(({ ctx, input }) => rulesInForce(ctx.db, input?.at ?? ctx.now()));
