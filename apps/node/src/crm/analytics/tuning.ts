// Session settings for the analytical queries, applied with `set local` inside their transaction only.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * Cross-tabs hash-join purchases to a million customers and their demographics and aggregate per (cell,
 * customer): with the default 4 MB of work_mem the hash tables spill to disk in many batches.
 */
export async function tuneForAnalytics(trx: Transaction<Database>): Promise<void> {
  await sql`set local work_mem = '128MB'`.execute(trx);
}
