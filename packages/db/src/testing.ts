// Gives each test file its own fresh database: on the Postgres server named by TEST_DATABASE_URL, else in-memory PGlite.
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { createDatabase, type DbHandle } from './connect.ts';
import { type Migrations, migrateToLatest } from './migrate.ts';

const TEST_NAME = /^concord_test_[a-z0-9_]+$/;

/** Refuses any database whose name does not mark it as a disposable test database. */
export function assertTestDatabaseName(name: string): void {
  if (!TEST_NAME.test(name)) {
    throw new Error(`refusing to touch database "${name}": test databases must match ${TEST_NAME}`);
  }
}

export interface TestDatabase<DB> extends DbHandle<DB> {
  /** The connection URL (Postgres) or undefined (PGlite), for starting a real server on the same data. */
  url: string | undefined;
  /** Closes the connection and drops the database. */
  destroy(): Promise<void>;
}

export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** Creates an empty database with a unique test name and returns its URL (Postgres only). */
export async function createTestDatabaseUrl(label: string): Promise<string> {
  const server = testServerUrl();
  if (!server) throw new Error('TEST_DATABASE_URL is not set');
  const name = `concord_test_${label.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_${randomBytes(4).toString('hex')}`;
  assertTestDatabaseName(name);
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by createTestDatabaseUrl; refuses anything else. */
export async function dropTestDatabase(url: string): Promise<void> {
  const server = testServerUrl();
  if (!server) return;
  const name = new URL(url).pathname.slice(1);
  assertTestDatabaseName(name);
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

/** A fresh, migrated database for one test file. */
export async function createTestDatabase<DB>(
  label: string,
  migrations: Migrations,
): Promise<TestDatabase<DB>> {
  const url = testServerUrl() ? await createTestDatabaseUrl(label) : undefined;
  const handle = await createDatabase<DB>({ url, poolSize: 4 });
  await migrateToLatest(handle.db, migrations);
  return {
    ...handle,
    url,
    destroy: async () => {
      await handle.close();
      if (url) await dropTestDatabase(url);
    },
  };
}

/**
 * Every value of every row of every table in every non-system schema, one per line: text as JSON, bytes as hex,
 * base64 and base64url. For scans proving that no secret is at rest in clear anywhere in a database.
 */
export async function dumpAllTables(db: Kysely<any>): Promise<string> {
  const tables = await sql<{ s: string; t: string }>`
    select table_schema as s, table_name as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`.execute(db);
  const out: string[] = [];
  for (const { s, t } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(`${s}.${t}`)}`.execute(db);
    for (const row of rows.rows) {
      for (const v of Object.values(row)) {
        if (v instanceof Uint8Array) {
          const b = Buffer.from(v);
          out.push(
            `${b.toString('hex')} ${b.toString('base64')} ${b.toString('base64url')} ${b.toString('latin1')}`,
          );
        } else out.push(JSON.stringify(v));
      }
    }
  }
  return out.join('\n');
}

/** The secrets (by label) found in a dump, in their clear, hex, base64 or base64url forms. */
export function secretsIn(dump: string, secrets: Record<string, string | Uint8Array>): string[] {
  const found: string[] = [];
  for (const [label, secret] of Object.entries(secrets)) {
    const b = Buffer.from(secret);
    const forms = [b.toString('hex'), b.toString('base64'), b.toString('base64url')];
    if (typeof secret === 'string') forms.push(secret);
    if (forms.some((f) => f.length >= 8 && dump.includes(f))) found.push(label);
  }
  return found;
}

export { sql };
