// Opens a kysely instance over real Postgres (pg) or embedded PGlite, with the same type parsing on both.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

export type DbKind = 'postgres' | 'pglite';

export interface DbConfig {
  /** A postgres:// URL. When absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` (the default) keeps everything in memory. */
  dataDir?: string | undefined;
  /** Maximum pool size for Postgres. */
  poolSize?: number | undefined;
}

export interface DbHandle<DB> {
  db: Kysely<DB>;
  kind: DbKind;
  /** Human-readable target with credentials removed, safe to log. */
  target: string;
  close(): Promise<void>;
}

/** Thrown when the database cannot be reached or opened; `message` is one line fit for an operator. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

const INT8 = 20;
const NUMERIC = 1700;

// int8 (counts, sums) come back as JS numbers on both drivers: every int8 we store fits in 2^53.
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));

/** Removes the password from a connection URL so it can be logged. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<malformed url>';
  }
}

function parsePostgresUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUnavailableError(`malformed database URL: ${redactUrl(url)}`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseUnavailableError(
      `database URL must start with postgres:// (got ${parsed.protocol.replace(':', '')}://)`,
    );
  }
  return parsed;
}

/** Connects and proves the connection with `select 1`; throws DatabaseUnavailableError with one clear line. */
export async function createDatabase<DB>(config: DbConfig): Promise<DbHandle<DB>> {
  if (config.url) return openPostgres<DB>(config.url, config.poolSize ?? 10);
  return openPglite<DB>(config.dataDir ?? 'memory://');
}

async function openPostgres<DB>(url: string, poolSize: number): Promise<DbHandle<DB>> {
  parsePostgresUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const target = redactUrl(url);
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => {});
    throw new DatabaseUnavailableError(`cannot connect to ${target}: ${describe(error)}`);
  }
  return { db, kind: 'postgres', target, close: () => db.destroy() };
}

async function openPglite<DB>(dataDir: string): Promise<DbHandle<DB>> {
  const isMemory = dataDir.startsWith('memory://');
  let pglite: PGlite;
  try {
    if (!isMemory) mkdirSync(dataDir, { recursive: true });
    pglite = await PGlite.create(isMemory ? undefined : dataDir, {
      // Trigram search (the node's customer search); loaded here, created by the migration that uses it.
      extensions: { pg_trgm },
      parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) },
    });
  } catch (error) {
    throw new DatabaseUnavailableError(`cannot open embedded database at ${dataDir}: ${describe(error)}`);
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    target: isMemory ? 'pglite (in memory)' : `pglite (${dataDir})`,
    close: () => db.destroy(),
  };
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
