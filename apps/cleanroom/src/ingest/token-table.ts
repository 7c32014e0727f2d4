// One token table per publication version (`pt_<version id hex>`): bulk-loaded without indexes, read by hash joins,
// indexed by member at commit (for withdrawals), dropped whole when superseded or expired. Distribution column for
// a Citus layout: `token`.
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type pg from 'pg';
import { dropRun } from '../match/engine/store.ts';
import { createShardedTable, dropShardedTable, indexShardedTable, isSharded } from '../shard/layout.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The table name for a version id; only ever built from a database-generated uuid. */
export function tokenTableName(versionId: string): string {
  if (!UUID.test(versionId)) throw new ConcordError('INTERNAL', 'bad version id for a token table');
  return `pt_${versionId.replaceAll('-', '')}`;
}

export function tokenTable(versionId: string): RawBuilder<unknown> {
  return sql.table(tokenTableName(versionId));
}

/**
 * No primary key, and no index while rows arrive in bulk (see indexTokenTable for the one added at commit).
 * `tk` and `mk` are the first 8 bytes of the token and of the member id as int8: tokens are HMAC outputs, so
 * the prefix is already a uniform hash, and joining/grouping on a fixed-width int8 is much cheaper than on
 * varlena bytea. Exact outputs (lists) recheck the full 32-byte token; see docs/cleanroom.md.
 */
export async function createTokenTable(db: Kysely<any>, versionId: string): Promise<void> {
  // Scaled out (shard servers registered, docs/scale.md): the same columns, partitioned by hash of tk over the shards.
  if (await isSharded(db)) return createShardedTable(db, tokenTableName(versionId));
  await sql`create table ${tokenTable(versionId)} (
    tk bigint not null,
    mk bigint not null,
    purpose_mask integer not null,
    id_type smallint not null,
    token bytea not null,
    member_id bytea not null
  )`.execute(db);
}

export async function dropTokenTable(db: Kysely<any>, versionId: string): Promise<void> {
  // A sharded table's remote partitions go too; a local one is just dropped (shardedness read from the catalog).
  await dropShardedTable(db, tokenTableName(versionId));
  // The engine's run, parts and tombstones of the version (docs/cleanroom.md, match engine).
  await dropRun(db, versionId);
}

/**
 * The one index, built at commit: withdrawals delete a handful of members from a live version, and without it each
 * delta is a full scan (10M members: 3–5 s a call, measured). The build costs ~12 s per 20M tokens at commit and
 * turns a delta into index lookups (milliseconds). Matches never use it: they read the whole table.
 */
export async function indexTokenTable(db: Kysely<any>, versionId: string): Promise<void> {
  if (await indexShardedTable(db, tokenTableName(versionId))) return;
  await sql`create index if not exists ${sql.id(`${tokenTableName(versionId)}_mk`)} on ${tokenTable(versionId)} (mk)`.execute(
    db,
  );
}

/**
 * The same index plus fresh planner statistics, built on a pool connection of its own so Postgres does it while
 * this process sorts the run (commit.ts). Outside the commit transaction on purpose: both are harmless if the
 * commit then fails (the version stays uploading and invisible; a retried commit finds the index there).
 */
export async function indexTokenTableBeside(pool: pg.Pool, versionId: string): Promise<void> {
  const table = tokenTableName(versionId);
  const client = await pool.connect();
  try {
    await client.query(`create index if not exists "${table}_mk" on "${table}" (mk)`);
    await client.query(`analyze "${table}"`);
  } finally {
    client.release();
  }
}
