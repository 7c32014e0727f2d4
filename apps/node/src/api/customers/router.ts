// customers.*: the operational customer record.
import { router } from '../trpc.ts';
import { accountManagers } from './account-managers.ts';
import { addNote } from './add-note.ts';
import { assignOwner } from './assign-owner.ts';
import { create } from './create-customer.ts';
import { table } from './customer-table.ts';
import { timeline } from './customer-timeline.ts';
import { remove, restore } from './delete-customer.ts';
import { get } from './get-customer.ts';
import { list } from './list-customers.ts';
import { serviceDesk } from './service-desk.ts';
import { update } from './update-customer.ts';
import { updateProfile } from './update-profile.ts';

export const customersRouter = router({
  list,
  table,
  get,
  timeline,
  create,
  update,
  delete: remove,
  restore,
  updateProfile,
  assignOwner,
  accountManagers,
  addNote,
  serviceDesk,
});
