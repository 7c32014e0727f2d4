// customers.update: edits a customer's fields, identifiers or attributes (admin).
import { z } from 'zod';
import { updateCustomer } from '../../crm/customers/customers.ts';
import { can } from '../trpc.ts';
import { CustomerFields, customerPatch } from './schemas.ts';

export const UpdateCustomerInput = z.object({ id: z.string().uuid(), patch: CustomerFields });

export const update = can('update', 'Customer')
  .input(UpdateCustomerInput)
  .mutation(({ ctx, input }) =>
    updateCustomer(ctx.db, input.id, customerPatch(input.patch), { defaultRegion: ctx.config.defaultRegion }),
  );
