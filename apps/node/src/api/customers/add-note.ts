// customers.addNote: a note with author and time on the customer's timeline.
import { NoteBody } from '@concord/protocol/crm-records';
import { z } from 'zod';
import { addCustomerNote } from '../../crm/customers/notes.ts';
import { can } from '../trpc.ts';

export const AddNoteInput = z.object({ customerId: z.uuid(), body: NoteBody });

export const addNote = can('create', 'CustomerNote')
  .input(AddNoteInput)
  .mutation(({ ctx, input }) =>
    addCustomerNote(ctx.db, {
      customerId: input.customerId,
      body: input.body,
      author: { id: ctx.user.id, email: ctx.user.email },
      now: ctx.now(),
    }),
  );
