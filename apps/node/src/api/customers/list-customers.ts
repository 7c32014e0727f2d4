// customers.list: search and page customers (keyset cursor).
import { z } from 'zod';
import { listCustomers } from '../../crm/customers/customers.ts';
import { can } from '../trpc.ts';

export const ListCustomersInput = z.object({
  search: z.string().max(200).optional(),
  country: z.string().length(2).optional(),
  includeDeleted: z.boolean().default(false),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().uuid().optional(),
});

export const list = can('read', 'Customer')
  .input(ListCustomersInput)
  .query(({ ctx, input }) =>
    listCustomers(ctx.db, { ...input, after: input.cursor, defaultRegion: ctx.config.defaultRegion }),
  );
