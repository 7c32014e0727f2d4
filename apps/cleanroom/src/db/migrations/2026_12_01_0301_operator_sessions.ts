// Operator console sessions: the operator signs in with the operator token; the browser keeps a random session
// token in an httpOnly cookie and the clean room stores only its SHA-256. Frozen in time: never import app code.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table operator_sessions (
    token_hash bytea primary key,
    created_at timestamptz not null,
    expires_at timestamptz not null)`.execute(db);
  await sql`create index operator_sessions_expires on operator_sessions (expires_at)`.execute(db);
}
