// Identifiers as data (customer_identifier replaces customer_email/customer_phone), search keys, duplicates,
// merges with aliases, and import warnings. Frozen in time.
//
// Existing identifiers are copied with status 'pending': normalizing needs @concord/identity and the node's region,
// which a frozen migration must not import; the node normalizes pending rows at start (crm/identifiers/backfill.ts).
import { type Kysely, sql } from 'kysely';

const STATEMENTS = [
  // Trigram indexes for partial name/email search; pg_trgm ships with Postgres contrib and with PGlite.
  sql`create extension if not exists pg_trgm`,
  sql`create table customer_identifier (
    customer_id uuid not null references customer(id) on delete cascade,
    id_type text not null,
    position smallint not null,
    raw text not null,
    normalized text,
    status text not null check (status in ('valid', 'invalid', 'pending')),
    reason text,
    region text,
    region_source text check (region_source in ('number', 'identifier', 'customer', 'default')),
    country text,
    search text not null,
    primary key (customer_id, id_type, position),
    check ((status = 'valid') = (normalized is not null)))`,
  sql`create index customer_identifier_normalized_idx on customer_identifier (id_type, normalized)
    where status = 'valid'`,
  sql`create index customer_identifier_search_trgm on customer_identifier using gin (search gin_trgm_ops)`,
  sql`create index customer_identifier_search_prefix on customer_identifier (search text_pattern_ops)`,
  // "Which customers use this domain": an exact lookup instead of a trigram scan over every address.
  sql`create index customer_identifier_domain_idx on customer_identifier (split_part(search, '@', 2))
    where id_type = 'email'`,
  sql`insert into customer_identifier (customer_id, id_type, position, raw, status, search)
    select customer_id, 'email', position, raw, 'pending', lower(btrim(raw)) from customer_email`,
  sql`insert into customer_identifier (customer_id, id_type, position, raw, status, search)
    select customer_id, 'phone', position, raw, 'pending', regexp_replace(raw, '[^0-9]', '', 'g') from customer_phone`,
  sql`drop table customer_email`,
  sql`drop table customer_phone`,
  // Search keys (folded in TS: lower case, accents removed) in both name orders; null = not yet computed.
  sql`alter table customer add column search_name text, add column search_rev text,
    add column merged_into uuid references customer(id)`,
  sql`create index customer_search_name_prefix on customer (search_name text_pattern_ops)`,
  sql`create index customer_search_rev_prefix on customer (search_rev text_pattern_ops)`,
  sql`create index customer_search_name_trgm on customer using gin (search_name gin_trgm_ops)`,
  sql`create table customer_alias (
    external_id text primary key,
    customer_id uuid not null references customer(id) on delete cascade,
    merge_id uuid not null,
    created_at timestamptz not null default now())`,
  sql`create table customer_merge (
    id uuid primary key default gen_random_uuid(),
    survivor_id uuid not null references customer(id) on delete cascade,
    merged_id uuid not null references customer(id) on delete cascade,
    merged_by text,
    merged_at timestamptz not null,
    undo_until timestamptz not null,
    undone_at timestamptz,
    undone_by text,
    moved jsonb not null,
    evidence jsonb not null default '[]')`,
  sql`create index customer_merge_merged_idx on customer_merge (merged_id)`,
  sql`create table duplicate_flag (
    customer_a uuid not null references customer(id) on delete cascade,
    customer_b uuid not null references customer(id) on delete cascade,
    evidence jsonb not null,
    status text not null default 'open' check (status in ('open', 'dismissed', 'merged')),
    detected_at timestamptz not null default now(),
    import_id uuid,
    primary key (customer_a, customer_b),
    check (customer_a < customer_b))`,
  sql`create index duplicate_flag_b_idx on duplicate_flag (customer_b)`,
  sql`create table import_warning (
    import_id uuid not null references import_job(id) on delete cascade,
    line bigint not null,
    seq smallint not null,
    field text,
    code text not null,
    reason text not null,
    primary key (import_id, line, seq))`,
  sql`alter table import_job add column rows_with_warnings bigint not null default 0,
    add column duplicates_flagged bigint not null default 0`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db);
}
