// Frozen in time: never import app code here. The match engine's per-version sorted runs (built at commit,
// immutable) and the withdrawals applied on top of them. No foreign keys: rows are keyed by version and bucket so
// a sharded layout can place bucket b of every version on the same shard.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('engine_runs')
    .addColumn('version_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'smallint', (c) => c.notNull())
    .addColumn('bucket', 'smallint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('body', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('engine_runs_pk', ['version_id', 'kind', 'bucket'])
    .execute();
  // Random bytes do not compress: skip the attempt.
  await sql`alter table engine_runs alter column body set storage external`.execute(db);
  // Per stored batch, its (tk, mk, mask) keys: 20 bytes a record, written in the batch's transaction, so the run
  // is built at commit without reading the token table back. Deleted at commit.
  await db.schema
    .createTable('engine_parts')
    .addColumn('version_id', 'uuid', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('body', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('engine_parts_pk', ['version_id', 'seq'])
    .execute();
  await sql`alter table engine_parts alter column body set storage external`.execute(db);
  await db.schema
    .createTable('engine_tombstones')
    .addColumn('version_id', 'uuid', (c) => c.notNull())
    .addColumn('member_id', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('engine_tombstones_pk', ['version_id', 'member_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('engine_tombstones').execute();
  await db.schema.dropTable('engine_parts').execute();
  await db.schema.dropTable('engine_runs').execute();
}
