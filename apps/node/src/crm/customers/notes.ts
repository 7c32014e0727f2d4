// Notes on a customer: who wrote what and when; they appear on the customer's timeline.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { assertActiveCustomer } from './customers.ts';

export interface NoteView {
  id: string;
  customerId: string;
  body: string;
  authorId: string;
  author: string;
  createdAt: Date;
}

export async function addCustomerNote(
  db: Kysely<Database>,
  input: { customerId: string; body: string; author: { id: string; email: string }; now: Date },
): Promise<NoteView> {
  await assertActiveCustomer(db, input.customerId);
  const row = await db
    .insertInto('customer_note')
    .values({
      customer_id: input.customerId,
      body: input.body,
      author_id: input.author.id,
      author: input.author.email,
      created_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    customerId: row.customer_id,
    body: row.body,
    authorId: row.author_id,
    author: row.author,
    createdAt: row.created_at,
  };
}
