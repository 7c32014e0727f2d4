// Separation of duties: an API token carries the role of the user who issued it for themselves (and nothing else),
// sessions get an id the audit log can name, and audit events record the credential used.
// Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

const STATEMENTS = [
  // Tokens issued by someone for another user let an admin act as e.g. the compliance officer: revoke them all.
  sql`update api_token set revoked_at = now()
      where revoked_at is null and created_by is distinct from user_id`,
  sql`alter table api_token add column role text`,
  sql`update api_token t set role = u.role from app_user u where u.id = t.user_id`,
  sql`alter table api_token alter column role set not null`,
  sql`alter table api_token add constraint api_token_role_check
      check (role in ('admin', 'compliance', 'marketer'))`,
  sql`alter table user_session add column id uuid not null default gen_random_uuid()`,
  sql`create unique index user_session_id_idx on user_session (id)`,
  // `session:<id>` or `token:<id>`; null for the system and for events written before this migration.
  sql`alter table audit_event add column credential text`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db);
}
