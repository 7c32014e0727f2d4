// Customer records people work with every day (issue 16): account manager (owner), tags, social profiles, notes;
// lists can be archived and deleted and their names are unique among the lists kept. Frozen in time.
import { type Kysely, sql } from 'kysely';

const STATEMENTS = [
  // The account manager: a node user id (text, like follow_up.owner_id); null = nobody owns the record.
  sql`alter table customer add column owner_id text`,
  sql`alter table customer add column tags text[] not null default '{}'`,
  sql`create index customer_owner_idx on customer (owner_id) where owner_id is not null`,
  sql`create index customer_tags_idx on customer using gin (tags)`,
  // Social profiles are contact channels (network + handle), kept apart from identifiers: never published.
  sql`create table customer_social_profile (
    customer_id uuid not null references customer(id) on delete cascade,
    network text not null,
    handle text not null,
    added_by text,
    added_at timestamptz not null default now(),
    primary key (customer_id, network, handle)
  )`,
  sql`create table customer_note (
    id uuid primary key default gen_random_uuid(),
    customer_id uuid not null references customer(id) on delete cascade,
    body text not null,
    author_id text not null,
    author text not null,
    created_at timestamptz not null default now()
  )`,
  sql`create index customer_note_customer_idx on customer_note (customer_id, created_at desc)`,
  sql`alter table audience_list add column archived_at timestamptz`,
  sql`alter table audience_list add column deleted_at timestamptz`,
  // Lists already sharing a name get " (2)", " (3)", … in the order they were received, then names stay unique.
  sql`update audience_list l set name = l.name || ' (' || d.rn || ')'
        from (select id, row_number() over (partition by lower(name) order by fetched_at, id) as rn
                from audience_list) d
       where d.id = l.id and d.rn > 1`,
  sql`create unique index audience_list_name_uq on audience_list (lower(name)) where deleted_at is null`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const s of STATEMENTS) await s.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists audience_list_name_uq`.execute(db);
  await sql`alter table audience_list drop column deleted_at, drop column archived_at`.execute(db);
  await sql`drop table if exists customer_note`.execute(db);
  await sql`drop table if exists customer_social_profile`.execute(db);
  await sql`alter table customer drop column tags, drop column owner_id`.execute(db);
}
