// customers.delete / customers.restore: soft delete (hidden everywhere) and undo (admin).

import { z } from 'zod';
import { setCustomerDeleted } from '../../crm/customers/customers.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

const ById = z.object({ id: z.string().uuid() });

export const remove = can('delete', 'Customer')
  .input(ById)
  .mutation(({ ctx, input }) => setCustomerDeleted(depsOf(ctx), { id: input.id, deleted: true }));

export const restore = can('delete', 'Customer')
  .input(ById)
  .mutation(({ ctx, input }) => setCustomerDeleted(depsOf(ctx), { id: input.id, deleted: false }));
