// Consent schema: notices and their exact texts, append-only consent events, versioned rules, erasure tombstones.
// Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

const STATEMENTS = [
  sql`create table consent_notice (
    id uuid primary key default gen_random_uuid(),
    key text not null unique,
    title text not null,
    created_by uuid,
    created_at timestamptz not null default now())`,
  sql`create table consent_notice_version (
    id uuid primary key default gen_random_uuid(),
    notice_id uuid not null references consent_notice(id),
    version integer not null,
    language text not null,
    body text not null,
    body_sha256 bytea not null,
    purposes text[] not null,
    published_by uuid,
    published_at timestamptz not null,
    unique (notice_id, version))`,
  sql`create table consent_event (
    id bigserial primary key,
    customer_id uuid not null references customer(id) on delete cascade,
    purpose text not null,
    state text not null check (state in ('given', 'refused', 'withdrawn', 'expired')),
    lawful_basis text not null,
    recipient_industries text[] not null default '{}',
    recipient_partners text[] not null default '{}',
    collection_method text not null,
    source text not null,
    notice_version_id uuid references consent_notice_version(id),
    captured_at timestamptz not null,
    valid_until timestamptz,
    evidence_ref text,
    recorded_by uuid,
    recorded_via text not null,
    recorded_at timestamptz not null default now())`,
  // Serves both the per-customer history and the publisher's "latest event per customer" scan.
  sql`create index consent_event_customer_idx on consent_event (customer_id, purpose, captured_at, id)`,
  sql`create index consent_event_valid_until_idx on consent_event (valid_until) where state = 'given'`,
  // Append-only: events are never edited (erasure deletes them with the customer).
  sql`create function consent_event_no_update() returns trigger language plpgsql as $$
    begin raise exception 'consent_event is append-only'; end $$`,
  sql`create trigger consent_event_append_only before update on consent_event
    for each row execute function consent_event_no_update()`,
  sql`create table consent_rule (
    id bigserial primary key,
    purpose text not null,
    version integer not null,
    allowed_industries text[] not null,
    max_consent_age_days integer check (max_consent_age_days > 0),
    k_min integer not null check (k_min >= 1),
    lists_allowed boolean not null,
    retention_days integer not null check (retention_days > 0),
    note text,
    author_id uuid,
    created_at timestamptz not null,
    unique (purpose, version))`,
  sql`create table erasure_tombstone (
    customer_id uuid primary key,
    erased_at timestamptz not null,
    erased_by uuid,
    request_ref text,
    removed jsonb not null)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db);
}
