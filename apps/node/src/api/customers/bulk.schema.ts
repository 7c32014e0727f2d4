// Inputs of customers.bulkAddTag and customers.bulkAssignOwner, shared with the console (`@concord/node/contract`).
import { z } from 'zod';
import { Tag } from './update-profile.schema.ts';

/** At most one table page's worth of selection per call (the console selects within the loaded rows). */
export const MAX_BULK_IDS = 500;

const Ids = z
  .array(z.uuid('A selected row is not a customer'))
  .min(1, 'Select at least one customer')
  .max(MAX_BULK_IDS, `Select at most ${MAX_BULK_IDS} customers at once`);

export const BulkAddTagInput = z.object({ ids: Ids, tag: Tag });

export const BulkAssignOwnerInput = z.object({
  ids: Ids,
  ownerId: z.uuid('Choose an account manager from the list').nullable(),
});
