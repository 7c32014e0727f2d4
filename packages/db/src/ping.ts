// The readiness probe both services' /healthz run: one round trip to the database.
import { type Kysely, sql } from 'kysely';

/** Resolves when the database answers `select 1`; rejects (and /healthz says 503) when it does not. */
export async function pingDatabase(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db);
}
