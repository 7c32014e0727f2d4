// The sharded layout of a version's token table: on the coordinator a table partitioned by hash of `tk` (the
// token's 64-bit prefix, already a uniform hash), each partition a postgres_fdw foreign table whose rows live on
// one shard server. Partition p of every version sits on server p mod N, so the same tokens of two publications
// are always on the same server (co-located) and a join can run shard by shard. No foreign keys cross servers:
// token tables reference nothing. The same columns distribute on Citus with
// `select create_distributed_table('pt_…', 'tk', colocate_with => 'pt_<first>')` (docs/scale.md).
import { type Kysely, sql } from 'kysely';
import { onShard, shardServerNames } from './servers.ts';

/** Partitions per shard server: more than one keeps a later rebalance to N+1 servers to moving whole partitions. */
export const PARTITIONS_PER_SHARD = 4;

const COLUMNS = `tk bigint not null, mk bigint not null, purpose_mask integer not null, id_type smallint not null,
  token bytea not null, member_id bytea not null`;

/** Whether new token tables are sharded: shard servers are registered on this coordinator. */
export async function isSharded(db: Kysely<any>): Promise<boolean> {
  return (await shardServerNames(db)).length > 0;
}

/** Creates the partitioned table, its remote partitions and their foreign-table stand-ins. */
export async function createShardedTable(db: Kysely<any>, table: string): Promise<void> {
  const servers = await shardServerNames(db);
  const partitions = servers.length * PARTITIONS_PER_SHARD;
  await sql`create table ${sql.id(table)} (${sql.raw(COLUMNS)}) partition by hash (tk)`.execute(db);
  for (let p = 0; p < partitions; p++) {
    const part = `${table}_p${p}`;
    const server = servers[p % servers.length] as string;
    // Dropped first: a coordinator transaction that rolled back after creating it leaves the remote table behind.
    await onShard(db, server, `drop table if exists ${part}; create table ${part} (${COLUMNS})`);
    await sql`create foreign table ${sql.id(part)} partition of ${sql.id(table)}
      for values with (modulus ${sql.lit(partitions)}, remainder ${sql.lit(p)})
      server ${sql.id(server)} options (table_name ${sql.lit(part)})`.execute(db);
  }
}

/** The remote partitions of a sharded token table, read from the catalog (empty for a local table). */
export async function remotePartitions(
  db: Kysely<any>,
  table: string,
): Promise<{ part: string; server: string }[]> {
  const { rows } = await sql<{ part: string; server: string }>`
    select c.relname as part, s.srvname as server
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    join pg_foreign_table f on f.ftrelid = c.oid
    join pg_foreign_server s on s.oid = f.ftserver
    where i.inhparent = to_regclass(${table})`.execute(db);
  return rows;
}

/**
 * The member index each shard needs for withdrawals (a partitioned table with foreign partitions cannot have one).
 * False when the table is local (created before shards were registered): the caller indexes it as usual.
 */
export async function indexShardedTable(db: Kysely<any>, table: string): Promise<boolean> {
  const parts = await remotePartitions(db, table);
  for (const { part, server } of parts) {
    await onShard(db, server, `create index if not exists ${part}_mk on ${part} (mk); analyze ${part}`);
  }
  return parts.length > 0;
}

/** Drops the remote partitions, then the coordinator's table. */
export async function dropShardedTable(db: Kysely<any>, table: string): Promise<void> {
  for (const { part, server } of await remotePartitions(db, table)) {
    await onShard(db, server, `drop table if exists ${part}`);
  }
  await sql`drop table if exists ${sql.id(table)}`.execute(db);
}
