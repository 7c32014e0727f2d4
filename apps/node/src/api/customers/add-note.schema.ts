// Input of customers.addNote: the contract shared with the console and the CLI (`@concord/node/contract`).
import { z } from 'zod';

export const NoteBody = z
  .string()
  .trim()
  .min(1, 'Write the note first')
  .max(4000, 'Keep a note under 4000 characters');

export const AddNoteInput = z.object({ customerId: z.uuid(), body: NoteBody });
