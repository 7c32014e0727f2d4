// Notes on a customer: who wrote what and when; they appear on the customer's timeline.
import type { Deps } from '../../deps.ts';
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
  deps: Pick<Deps, 'db' | 'now'>,
  input: { customerId: string; body: string; author: { id: string; email: string } },
): Promise<NoteView> {
  const { db } = deps;
  await assertActiveCustomer(db, input.customerId);
  const row = await db
    .insertInto('customer_note')
    .values({
      customer_id: input.customerId,
      body: input.body,
      author_id: input.author.id,
      author: input.author.email,
      created_at: deps.now(),
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
