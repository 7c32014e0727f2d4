// Auth schema: users, sessions, API tokens, login failures. Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

const STATEMENTS = [
  sql`create table app_user (
    id uuid primary key default gen_random_uuid(),
    email text not null unique check (email = lower(email)),
    role text not null check (role in ('admin', 'compliance', 'marketer')),
    display_name text,
    password_hash text not null,
    disabled_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now())`,
  sql`create table user_session (
    token_hash bytea primary key,
    user_id uuid not null references app_user(id) on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    ip text,
    user_agent text)`,
  sql`create index user_session_user_idx on user_session (user_id)`,
  sql`create table api_token (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references app_user(id) on delete cascade,
    name text not null,
    token_hash bytea not null unique,
    prefix text not null,
    created_by uuid,
    created_at timestamptz not null default now(),
    expires_at timestamptz,
    revoked_at timestamptz,
    last_used_at timestamptz)`,
  sql`create table login_failure (
    id bigserial primary key,
    email text not null,
    ip text not null,
    at timestamptz not null)`,
  sql`create index login_failure_email_idx on login_failure (email, at)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db);
}
