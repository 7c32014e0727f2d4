// Audit schema: the hash-chained event log. Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

const STATEMENTS = [
  sql`create table audit_event (
    seq bigint primary key,
    at timestamptz not null,
    actor_id text,
    actor text not null,
    action text not null,
    subject_type text not null,
    subject_id text,
    data jsonb not null,
    prev_hash bytea not null,
    hash bytea not null)`,
  sql`create index audit_event_subject_idx on audit_event (subject_type, subject_id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db);
}
