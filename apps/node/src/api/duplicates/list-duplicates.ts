// duplicates.list: pairs of customers flagged as probably the same person, with the shared identifiers.
import { z } from 'zod';
import { listDuplicates } from '../../crm/duplicates/flag.ts';
import { can } from '../trpc.ts';

export const ListDuplicatesInput = z.object({
  status: z.enum(['open', 'dismissed', 'merged']).default('open'),
  limit: z.number().int().min(1).max(500).default(100),
});

export const list = can('read', 'Customer')
  .input(ListDuplicatesInput)
  .query(({ ctx, input }) => listDuplicates(ctx.db, input));
