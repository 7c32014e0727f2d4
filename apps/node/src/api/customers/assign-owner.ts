// customers.assignOwner: sets or clears the account manager (an active admin or marketer); owner-scoped, audited.

import { z } from 'zod';
import { getCustomer } from '../../crm/customers/customers.ts';
import { assignCustomerOwner } from '../../crm/customers/profile.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { authorizeRecord } from './record-access.ts';

export const AssignOwnerInput = z.object({
  id: z.uuid(),
  ownerId: z.uuid('Choose an account manager from the list').nullable(),
});

export const assignOwner = can('update', 'CustomerProfile')
  .input(AssignOwnerInput)
  .mutation(async ({ ctx, input }) => {
    await assignCustomerOwner(depsOf(ctx), {
      ...input,
      actor: { id: ctx.user.id, email: ctx.user.email },
      authorize: authorizeRecord(ctx.ability),
    });
    return getCustomer(ctx.db, input.id);
  });
