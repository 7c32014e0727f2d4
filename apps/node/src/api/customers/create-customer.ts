// customers.create: adds one customer by hand (admin); CONFLICT when the external id is taken.
import { z } from 'zod';
import { createCustomer } from '../../crm/customers/customers.ts';
import { can } from '../trpc.ts';
import { CustomerFields, customerPatch } from './schemas.ts';

export const CreateCustomerInput = CustomerFields.extend({ externalId: z.string().trim().min(1).max(200) });

export const create = can('create', 'Customer')
  .input(CreateCustomerInput)
  .mutation(({ ctx, input }) =>
    createCustomer(
      ctx.db,
      { ...customerPatch(input), externalId: input.externalId },
      { defaultRegion: ctx.config.defaultRegion },
    ),
  );
