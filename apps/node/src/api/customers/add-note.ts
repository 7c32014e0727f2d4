// customers.addNote: a note with author and time on the customer's timeline.

import { addCustomerNote } from '../../crm/customers/notes.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { AddNoteInput } from './add-note.schema.ts';

export const addNote = can('create', 'CustomerNote')
  .input(AddNoteInput)
  .mutation(({ ctx, input }) =>
    addCustomerNote(depsOf(ctx), {
      customerId: input.customerId,
      body: input.body,
      author: { id: ctx.user.id, email: ctx.user.email },
    }),
  );
