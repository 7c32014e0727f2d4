// Frozen in time: never import app code here. The batches' keys for the run build (engine_parts) are a copy of
// what the token table holds, kept only until commit: unlogged, they are written without WAL during upload (60 B
// a record). A server crash truncates them; the commit then finds their record count short and reads the token
// table instead (binary COPY), so nothing is lost but time.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table engine_parts set unlogged`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table engine_parts set logged`.execute(db);
}
