import { type Generated, type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, DatabaseUnavailableError, type Migrations } from '../src/index.ts';
import {
  assertTestDatabaseName,
  createTestDatabase,
  type TestDatabase,
  testServerUrl,
} from '../src/testing.ts';

const migrations: Migrations = {
  '2026_11_01_0001_things': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('thing')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('token', 'bytea', (c) => c.notNull())
        .addColumn('n', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
};

interface DB {
  thing: { id: Generated<number>; token: Uint8Array; n: number };
}

// The same assertions run on every available backend: PGlite always, Postgres when TEST_DATABASE_URL is set.
const backends = ['pglite', ...(testServerUrl() ? ['postgres'] : [])] as const;

describe.each(backends)('on %s', (backend) => {
  let tdb: TestDatabase<DB>;
  afterAll(() => tdb?.destroy());

  it('migrates, round-trips bytea and returns int8 as number', async () => {
    const saved = process.env.TEST_DATABASE_URL;
    if (backend === 'pglite') delete process.env.TEST_DATABASE_URL;
    try {
      tdb = await createTestDatabase<DB>('db_roundtrip', migrations);
    } finally {
      if (saved !== undefined) process.env.TEST_DATABASE_URL = saved;
    }
    expect(tdb.kind).toBe(backend);
    const token = new Uint8Array(32).map((_, i) => i);
    await tdb.db
      .insertInto('thing')
      .values({ token, n: 2 ** 40 })
      .execute();
    const row = await tdb.db.selectFrom('thing').selectAll().executeTakeFirstOrThrow();
    expect(Buffer.from(row.token).equals(Buffer.from(token))).toBe(true);
    expect(row.n).toBe(2 ** 40);
    const { rows } = await sql<{ c: number }>`select count(*) as c from thing`.execute(tdb.db);
    expect(rows[0]?.c).toBe(1);
  });
});

describe('PGlite concurrency', () => {
  // kysely serializes PGlite's single connection (its adapter says it has no multiple connections); this pins it.
  it("keeps a concurrent query out of another caller's transaction", async () => {
    const saved = process.env.TEST_DATABASE_URL;
    delete process.env.TEST_DATABASE_URL;
    const tdb = await createTestDatabase<DB>('db_serial', migrations).finally(() => {
      if (saved !== undefined) process.env.TEST_DATABASE_URL = saved;
    });
    try {
      let entered!: () => void;
      const inside = new Promise<void>((r) => {
        entered = r;
      });
      const rolledBack = tdb.db
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto('thing')
            .values({ token: new Uint8Array([1]), n: 1 })
            .execute();
          entered();
          await new Promise((r) => setTimeout(r, 50));
          throw new Error('abort');
        })
        .catch((e: Error) => e.message);
      await inside;
      // Issued while the transaction is open: must wait for it, neither seeing its uncommitted row
      // nor running inside it (and vanishing with its rollback).
      const seen = await tdb.db.selectFrom('thing').select('n').execute();
      expect(seen).toEqual([]);
      await tdb.db
        .insertInto('thing')
        .values({ token: new Uint8Array([2]), n: 2 })
        .execute();
      expect(await rolledBack).toBe('abort');
      const rows = await tdb.db.selectFrom('thing').select('n').execute();
      expect(rows.map((r) => r.n)).toEqual([2]);
    } finally {
      await tdb.destroy();
    }
  });
});

describe('safety and errors', () => {
  it('refuses databases not named as test databases', () => {
    expect(() => assertTestDatabaseName('postgres')).toThrow(/refusing to touch database "postgres"/);
    expect(() => assertTestDatabaseName('concord_prod')).toThrow(/refusing/);
    expect(() => assertTestDatabaseName('concord_test_abc_12')).not.toThrow();
  });

  it('reports a malformed URL in one line', async () => {
    const err = await createDatabase({ url: 'not a url' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as Error).message).toBe('malformed database URL: <malformed url>');
  });

  it('reports a wrong scheme', async () => {
    const err = await createDatabase({ url: 'mysql://localhost/x' }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('database URL must start with postgres:// (got mysql://)');
  });

  it('reports an unreachable server without leaking the password', async () => {
    const err = await createDatabase({ url: 'postgres://u:secret@127.0.0.1:1/x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as Error).message).toMatch(
      /^cannot connect to postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x: .*ECONNREFUSED/,
    );
    expect((err as Error).message).not.toContain('secret');
  });
});
