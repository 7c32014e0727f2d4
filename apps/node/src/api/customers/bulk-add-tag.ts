// customers.bulkAddTag: adds one tag to the selected customers; every record owner-checked, all or nothing.

import { bulkAddTag as addTag } from '../../crm/customers/bulk.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { BulkAddTagInput } from './bulk.schema.ts';
import { authorizeRecord } from './record-access.ts';

export const bulkAddTag = can('update', 'CustomerProfile')
  .input(BulkAddTagInput)
  .mutation(({ ctx, input }) =>
    addTag(depsOf(ctx), {
      ...input,
      actor: { id: ctx.user.id, email: ctx.user.email },
      authorize: authorizeRecord(ctx.ability),
    }),
  );
