// Shard servers of a scaled-out clean room: plain PostgreSQL servers reached through postgres_fdw (reads, COPY,
// deletes) and dblink (DDL), registered on the coordinator as foreign servers `concord_shard_<i>`. Their presence
// in the coordinator's catalog is what switches token tables to the sharded layout (layout.ts); docs/scale.md.
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql } from 'kysely';

export interface ShardServer {
  host: string;
  port: number;
  dbname: string;
  user: string;
  /** Omitted for trust/peer auth (tests); postgres_fdw requires one for non-superusers. */
  password?: string;
}

const SERVER_PREFIX = 'concord_shard_';

/** `postgres://user[:password]@host[:port]/db` → a shard; the clean room's `CLEANROOM_SHARDS` is a comma list. */
export function parseShardUrl(url: string): ShardServer {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConcordError('BAD_INPUT', `shard URL is not a URL: ${url.replace(/:[^:@/]*@/, ':***@')}`);
  }
  if (!/^postgres(ql)?:$/.test(u.protocol) || !u.hostname || u.pathname.length < 2) {
    throw new ConcordError('BAD_INPUT', 'a shard URL looks like postgres://user@host:port/database');
  }
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    dbname: decodeURIComponent(u.pathname.slice(1)),
    user: decodeURIComponent(u.username || 'postgres'),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
}

/** Names of the registered shard servers, in shard order. */
export async function shardServerNames(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ srvname: string }>`
    select srvname from pg_foreign_server where srvname like ${`${SERVER_PREFIX}%`}
    order by substring(srvname from ${SERVER_PREFIX.length + 1})::int`.execute(db);
  return rows.map((r) => r.srvname);
}

/**
 * Registers the shard servers on the coordinator (idempotent: an existing registration is replaced). Needs the
 * postgres_fdw and dblink extensions, which ship with PostgreSQL (contrib). Existing token tables keep the
 * partitions they were created with; new versions are laid out over the servers given here.
 */
export async function registerShards(db: Kysely<any>, shards: readonly ShardServer[]): Promise<void> {
  await sql`create extension if not exists postgres_fdw`.execute(db);
  await sql`create extension if not exists dblink`.execute(db);
  for (const [i, s] of shards.entries()) {
    const name = sql.id(`${SERVER_PREFIX}${i}`);
    await sql`drop server if exists ${name} cascade`.execute(db);
    // async_capable: an Append over partitions on different servers runs them concurrently (PostgreSQL ≥ 14).
    await sql`create server ${name} foreign data wrapper postgres_fdw options (
      host ${sql.lit(s.host)}, port ${sql.lit(String(s.port))}, dbname ${sql.lit(s.dbname)},
      async_capable 'true', fetch_size '50000', batch_size '10000')`.execute(db);
    const password = s.password === undefined ? sql`` : sql`, password ${sql.lit(s.password)}`;
    await sql`create user mapping for current_user server ${name} options (user ${sql.lit(s.user)}${password})`.execute(
      db,
    );
  }
}

/** Runs one DDL statement on a shard server (dblink: postgres_fdw forwards rows, not DDL). */
export async function onShard(db: Kysely<any>, server: string, statement: string): Promise<void> {
  await sql`select dblink_exec(${server}, ${statement})`.execute(db);
}
