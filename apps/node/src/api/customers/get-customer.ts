// customers.get: one customer with emails, phones and attributes.
import { z } from 'zod';
import { getCustomer } from '../../crm/customers/customers.ts';
import { can } from '../trpc.ts';

export const get = can('read', 'Customer')
  .input(z.object({ id: z.string().uuid() }))
  .query(({ ctx, input }) => getCustomer(ctx.db, input.id));
