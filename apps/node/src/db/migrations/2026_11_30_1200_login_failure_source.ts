// Sign-in back-off counts failures per source (client address): index them by address and time.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index login_failure_ip_idx on login_failure (ip, at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index login_failure_ip_idx`.execute(db);
}
