// Frozen in time: never import app code here. The match engine's per-version sorted runs (built at commit,
// immutable) and the withdrawals applied on top of them. No foreign keys: rows are keyed by version and bucket so
// a sharded layout can place bucket b of every version on the same shard.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table engine_runs (
    version_id uuid not null, kind smallint not null, bucket smallint not null, count integer not null,
    body bytea not null, constraint engine_runs_pk primary key (version_id, kind, bucket))`.execute(db);
  // Random bytes do not compress: skip the attempt.
  await sql`alter table engine_runs alter column body set storage external`.execute(db);
  // Per stored batch, its (tk, mk, mask) keys: 20 bytes a record, written in the batch's transaction, so the run
  // is built at commit without reading the token table back. Deleted at commit.
  await sql`create table engine_parts (
    version_id uuid not null, seq integer not null, records integer not null, body bytea not null,
    constraint engine_parts_pk primary key (version_id, seq))`.execute(db);
  await sql`alter table engine_parts alter column body set storage external`.execute(db);
  await sql`create table engine_tombstones (
    version_id uuid not null, member_id bytea not null,
    constraint engine_tombstones_pk primary key (version_id, member_id))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('engine_tombstones').execute();
  await db.schema.dropTable('engine_parts').execute();
  await db.schema.dropTable('engine_runs').execute();
}
