// The one transaction helper: repositories take `db | trx`, and a domain step that must be atomic joins the caller's.

import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database.ts';

/** Runs `fn` in a transaction, joining the caller's if `db` already is one. */
export function inTransaction<T>(
  db: Kysely<Database>,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return db.transaction().execute(fn);
}
