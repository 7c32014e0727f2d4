// Frozen in time: never import app code here. The clean room's registry, collaborations, publications,
// matches, lists, budgets, idempotency keys and hash-chained audit log. Token rows live in one table per
// publication version (`pt_<version hex>`), created at runtime; see docs/cleanroom.md.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of TABLES) await sql.raw(statement).execute(db);
  // One row: the chain head. Appenders lock it, so concurrent appends serialize into one chain.
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${new Uint8Array(32)})`.execute(db);
}

const TABLES = [
  `create table partners (
    id uuid primary key default gen_random_uuid(), name text not null unique, industry text not null,
    public_key bytea not null, credential_hash bytea not null unique, status text not null default 'active',
    created_at timestamptz not null default now())`,
  `create table idempotency_keys (
    owner text not null, key text not null, path text not null, request_hash bytea not null,
    response jsonb not null, created_at timestamptz not null default now(),
    constraint idempotency_keys_pk primary key (owner, key))`,
  `create table collaborations (
    id uuid primary key default gen_random_uuid(), name text not null, description text not null default '',
    status text not null, proposer_id uuid not null references partners (id), purposes jsonb not null,
    policy jsonb not null, token_mode text not null, expires_at timestamptz not null,
    created_at timestamptz not null, activated_at timestamptz, suspended_by uuid)`,
  `create table collaboration_members (
    collaboration_id uuid not null references collaborations (id), partner_id uuid not null references partners (id),
    status text not null, approved_at timestamptz, k_min_floor integer, officer text not null default '',
    wrapped_secret jsonb, constraint collaboration_members_pk primary key (collaboration_id, partner_id))`,
  'create index collaboration_members_partner on collaboration_members (partner_id)',
  `create table publications (
    id uuid primary key default gen_random_uuid(), collaboration_id uuid not null references collaborations (id),
    owner_id uuid not null references partners (id), segment_key text not null, name text not null,
    description text not null default '', k_min integer, live_version_id uuid, created_at timestamptz not null,
    constraint publications_segment unique (collaboration_id, owner_id, segment_key))`,
  `create table publication_versions (
    id uuid primary key default gen_random_uuid(), publication_id uuid not null references publications (id),
    version integer not null, status text not null, records bigint not null default 0,
    members bigint not null default 0, revision integer not null default 0, created_at timestamptz not null,
    committed_at timestamptz, expires_at timestamptz,
    constraint publication_versions_number unique (publication_id, version))`,
  `create table publication_batches (
    version_id uuid not null, seq integer not null, records integer not null, checksum bytea not null,
    constraint publication_batches_pk primary key (version_id, seq))`,
  `create table budgets (
    collaboration_id uuid not null, partner_id uuid not null, spent float8 not null default 0,
    constraint budgets_pk primary key (collaboration_id, partner_id))`,
  `create table matches (
    id uuid primary key default gen_random_uuid(), collaboration_id uuid not null, requester_id uuid not null,
    kind text not null, query_hash bytea not null, data_version text not null, result jsonb not null,
    epsilon_charged float8 not null default 0, created_at timestamptz not null,
    constraint matches_query unique (collaboration_id, requester_id, query_hash))`,
  `create table lists (
    id uuid primary key default gen_random_uuid(), collaboration_id uuid not null, match_id uuid not null,
    kind text not null, receiver_id uuid not null, requester_id uuid not null, publication_id uuid not null,
    version_id uuid not null, counterpart_publication_ids jsonb not null, purpose text not null, offer jsonb,
    size integer not null, created_at timestamptz not null, expires_at timestamptz not null)`,
  'create index lists_receiver on lists (receiver_id, created_at)',
  `create table list_members (
    list_id uuid not null, member_id bytea not null, constraint list_members_pk primary key (list_id, member_id))`,
  `create table audit_events (
    seq bigint primary key, at timestamptz not null, action text not null, actor_id uuid, collaboration_id uuid,
    partner_ids uuid[] not null, details jsonb not null, prev_hash bytea not null, hash bytea not null)`,
  'create index audit_events_partners on audit_events using gin (partner_ids)',
  'create table audit_head (id integer primary key, seq bigint not null, hash bytea not null)',
];
