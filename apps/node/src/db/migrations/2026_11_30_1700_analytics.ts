// Analytical CRM: demographics (sensitive), supplier/brand/cost on purchases, surveys, loyalty programme,
// customer value, the node's analytics policy and the compliance rules that release sensitive fields.
// Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

const STATEMENTS = [
  // One row per customer that has any demographic on file; birth_date stays on customer (age band derives from it).
  sql`create table customer_demographics (
    customer_id uuid primary key references customer(id) on delete cascade,
    sex text check (sex in ('female', 'male', 'diverse', 'undisclosed')),
    income_band text check (income_band in ('lt_20k', '20k_40k', '40k_60k', '60k_100k', '100k_plus')),
    education text check (education in ('primary', 'secondary', 'vocational', 'bachelor', 'master', 'doctorate')),
    household_size smallint check (household_size between 1 and 20),
    region text,
    updated_at timestamptz not null default now())`,
  sql`alter table purchase add column supplier text, add column brand text, add column cost numeric(14,2)`,
  sql`create table analytics_policy (
    id smallint primary key default 1 check (id = 1),
    min_cell_size integer not null default 10 check (min_cell_size >= 1),
    default_margin_rate numeric(5,4) not null default 0.25 check (default_margin_rate between 0 and 1),
    clv_discount_rate numeric(5,4) not null default 0.10 check (clv_discount_rate between 0 and 1),
    value_top_share numeric(5,4) not null default 0.20 check (value_top_share > 0 and value_top_share < 1),
    value_tail_share numeric(5,4) not null default 0.30 check (value_tail_share > 0 and value_tail_share < 1),
    updated_by text,
    updated_at timestamptz not null default now())`,
  sql`insert into analytics_policy (id) values (1)`,
  // Versioned like compliance rules: the latest version per purpose applies; fields = released sensitive fields.
  sql`create table sensitive_release (
    id bigserial primary key,
    purpose text not null,
    version integer not null,
    fields text[] not null,
    channels text[] not null check (channels <@ array['publication', 'export']::text[]),
    note text,
    author_id text,
    created_at timestamptz not null default now(),
    unique (purpose, version))`,
  sql`create table survey (
    id uuid primary key default gen_random_uuid(),
    key text not null unique,
    name text not null,
    created_by text,
    created_at timestamptz not null default now())`,
  sql`create table survey_question (
    survey_id uuid not null references survey(id) on delete cascade,
    key text not null,
    position smallint not null,
    kind text not null check (kind in ('nps', 'csat', 'single', 'multiple', 'text')),
    label text not null,
    options text[],
    primary key (survey_id, key))`,
  sql`create table survey_response (
    id uuid primary key default gen_random_uuid(),
    external_id text unique,
    survey_id uuid not null references survey(id) on delete cascade,
    customer_id uuid not null references customer(id) on delete cascade,
    responded_at timestamptz not null,
    created_by text,
    created_at timestamptz not null default now())`,
  sql`create index survey_response_customer_idx on survey_response (customer_id, responded_at)`,
  // Answers carry survey, customer, time and kind so NPS/CSAT and segment rules scan one table.
  sql`create table survey_answer (
    response_id uuid not null references survey_response(id) on delete cascade,
    question_key text not null,
    survey_id uuid not null,
    customer_id uuid not null,
    responded_at timestamptz not null,
    kind text not null,
    score smallint,
    choices text[],
    text text,
    primary key (response_id, question_key))`,
  sql`create index survey_answer_score_idx on survey_answer (kind, responded_at, customer_id, score)`,
  sql`create index survey_answer_text_idx on survey_answer using gin (to_tsvector('simple', coalesce(text, '')))`,
  sql`create table loyalty_programme (
    id smallint primary key default 1 check (id = 1),
    points_per_unit numeric(10,4) not null default 1 check (points_per_unit >= 0),
    expiry_months integer not null default 24 check (expiry_months >= 1),
    qualifying_months integer not null default 12 check (qualifying_months >= 1),
    updated_at timestamptz not null default now())`,
  sql`insert into loyalty_programme (id) values (1)`,
  sql`create table loyalty_category_multiplier (
    category text primary key,
    multiplier numeric(8,4) not null check (multiplier >= 0))`,
  sql`create table loyalty_tier (
    key text primary key,
    name text not null,
    threshold integer not null check (threshold >= 0) unique)`,
  sql`create table loyalty_member (
    customer_id uuid primary key references customer(id) on delete cascade,
    member_number text unique,
    joined_at timestamptz not null,
    tier text,
    tier_since timestamptz)`,
  sql`create table loyalty_event (
    id uuid primary key default gen_random_uuid(),
    external_id text unique,
    customer_id uuid not null references customer(id) on delete cascade,
    kind text not null check (kind in ('earn', 'redeem', 'expire', 'adjust', 'tier_change')),
    points integer not null default 0,
    occurred_at timestamptz not null,
    purchase_id uuid unique references purchase(id) on delete set null,
    source text not null check (source in ('import', 'computed', 'schedule', 'console')),
    tier_from text,
    tier_to text,
    note text,
    created_at timestamptz not null default now())`,
  sql`create index loyalty_event_customer_idx on loyalty_event (customer_id, occurred_at)`,
  sql`create table customer_value (
    customer_id uuid primary key references customer(id) on delete cascade,
    revenue numeric(16,2) not null,
    margin numeric(16,2) not null,
    margin_12m numeric(16,2) not null,
    clv numeric(16,2) not null,
    tier text not null check (tier in ('top', 'middle', 'tail')),
    computed_at timestamptz not null)`,
  sql`create index customer_value_tier_idx on customer_value (tier, customer_id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db);
}
