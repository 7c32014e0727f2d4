// Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table cleanroom_meta (key text primary key, value text not null)`.execute(db);
}
