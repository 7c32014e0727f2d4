// Console tables (issue 16): per-user saved views of a table's URL state, import column-mapping templates, and
// btree indexes so the customer table sorts by name, city and creation date without a full sort.
// Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

const STATEMENTS = [
  sql`create table saved_view (
    id uuid primary key default gen_random_uuid(),
    owner_id text not null,
    table_key text not null,
    name text not null,
    state jsonb not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (owner_id, table_key, name))`,
  sql`create table import_template (
    id uuid primary key default gen_random_uuid(),
    kind text not null,
    name text not null,
    mapping jsonb not null,
    created_by text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (kind, name))`,
  sql`create index customer_table_name_idx on customer (search_name, id)`,
  sql`create index customer_table_city_idx on customer (city, id)`,
  sql`create index customer_table_created_idx on customer (created_at, id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db);
}
