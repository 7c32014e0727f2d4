// customers.bulkAssignOwner: sets (or clears) the account manager of the selected customers; every record
// owner-checked, all or nothing.

import { bulkAssignOwner as assign } from '../../crm/customers/bulk.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { BulkAssignOwnerInput } from './bulk.schema.ts';
import { authorizeRecord } from './record-access.ts';

export const bulkAssignOwner = can('update', 'CustomerProfile')
  .input(BulkAssignOwnerInput)
  .mutation(({ ctx, input }) =>
    assign(depsOf(ctx), {
      ...input,
      actor: { id: ctx.user.id, email: ctx.user.email },
      authorize: authorizeRecord(ctx.ability),
    }),
  );
