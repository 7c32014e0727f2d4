// customers.table: the console's customer table — search, filters, a whitelisted sort, numbered pages, total count.
import { z } from 'zod';
import { CUSTOMER_SORTS, customerTable } from '../../crm/customers/customer-table.ts';
import { tableInput } from '../table-input.ts';
import { can } from '../trpc.ts';

export const CustomerTableFilters = z
  .object({
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'a two-letter country code (ISO 3166-1), e.g. DE')
      .optional(),
    city: z.string().trim().min(1).max(100).optional(),
    hasEmail: z.boolean().optional(),
    status: z.enum(['active', 'deleted', 'all']).default('active'),
  })
  .strict();

export const CustomerTableInput = tableInput(CUSTOMER_SORTS, 'name').extend({
  search: z.string().max(200).optional(),
  filters: CustomerTableFilters.default({ status: 'active' }),
});

export const table = can('read', 'Customer')
  .input(CustomerTableInput)
  .query(({ ctx, input }) => customerTable(ctx.db, { ...input, defaultRegion: ctx.config.defaultRegion }));
