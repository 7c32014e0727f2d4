// First-run setup: the one-time code that lets the first admin be created on a node without users.
// Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row at most: a new start of an empty node replaces the code; only its SHA-256 is kept.
  await sql`create table setup_code (
    id int primary key check (id = 1),
    code_hash bytea not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz)`.execute(db);
}
