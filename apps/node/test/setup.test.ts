// First-run setup: a node without users issues a one-time code; it creates the first admin once, and expires.
import { createTestDatabase, type TestDatabase } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInnerContext } from '../src/api/context.ts';
import { appRouter } from '../src/api/router.ts';
import { createCallerFactory } from '../src/api/trpc.ts';
import { tokenDigest } from '../src/auth/tokens.ts';
import type { Database } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { NodeConfig } from '../src/env.ts';
import { firstRunMessage, startNode } from '../src/server.ts';
import { issueSetupCode, normalizeSetupCode } from '../src/setup/first-run.ts';
import { codeOf } from './code-of.ts';

let tdb: TestDatabase<Database>;
const T0 = new Date('2026-11-30T08:00:00Z');
const config = NodeConfig.parse({ name: 'Bank', industry: 'bank' });

function caller(now: Date) {
  return createCallerFactory(appRouter)(
    createInnerContext({ db: tdb.db, config, logger: silentLogger(), now: () => now }),
  );
}

const admin = { email: 'Ada@Bank.Example', password: 'a long enough password' };

beforeEach(async () => {
  tdb = await createTestDatabase<Database>('node_setup', migrations);
});
afterEach(async () => {
  await tdb.destroy();
});

describe('first-run setup', () => {
  it('creates the first admin with the code, once; the admin can then sign in', async () => {
    const issued = await issueSetupCode({ db: tdb.db, now: () => T0 }, { ttlMinutes: 60 });
    expect(issued?.code).toMatch(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){3}$/);
    expect(await caller(T0).setup.status()).toEqual({ needed: true });
    // Typed back loosely (lower case, spaces): still the same code.
    const typed = issued!.code.toLowerCase().replaceAll('-', ' ');
    const done = await caller(T0).setup.complete({ ...admin, code: typed, issueToken: true });
    expect(done.user).toMatchObject({ email: 'ada@bank.example', role: 'admin' });
    expect(done.token).toMatch(/^cct_/);
    expect(await caller(T0).setup.status()).toEqual({ needed: false });
    expect(
      await codeOf(caller(T0).setup.complete({ ...admin, email: 'eve@x.example', code: issued!.code })),
    ).toBe('CONFLICT');
    const login = await caller(T0).auth.login({ email: admin.email, password: admin.password });
    expect(login.user.role).toBe('admin');
    const audit = await tdb.db.selectFrom('audit_event').select('action').execute();
    expect(audit.map((a) => a.action)).toContain('setup.completed');
  });

  it('refuses a wrong code and an expired one, and stores only the digest', async () => {
    const issued = await issueSetupCode({ db: tdb.db, now: () => T0 }, { ttlMinutes: 30 });
    const row = await tdb.db.selectFrom('setup_code').selectAll().executeTakeFirstOrThrow();
    expect(Buffer.from(row.code_hash).toString('utf8')).not.toContain(normalizeSetupCode(issued!.code));
    expect(Buffer.from(row.code_hash)).toEqual(
      Buffer.from(tokenDigest(`setup:${normalizeSetupCode(issued!.code)}`)),
    );
    expect(await codeOf(caller(T0).setup.complete({ ...admin, code: 'AAAAA-BBBBB-CCCCC-DDDDD' }))).toBe(
      'UNAUTHENTICATED',
    );
    const late = new Date(T0.getTime() + 31 * 60_000);
    expect(await codeOf(caller(late).setup.complete({ ...admin, code: issued!.code }))).toBe('EXPIRED');
    const inTime = new Date(T0.getTime() + 29 * 60_000);
    expect(await codeOf(caller(inTime).setup.complete({ ...admin, code: issued!.code }))).toBe('OK');
  });

  it('a new start replaces the earlier code; a node with users issues none', async () => {
    const first = await issueSetupCode({ db: tdb.db, now: () => T0 }, { ttlMinutes: 60 });
    const second = await issueSetupCode({ db: tdb.db, now: () => T0 }, { ttlMinutes: 60 });
    expect(await codeOf(caller(T0).setup.complete({ ...admin, code: first!.code }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(caller(T0).setup.complete({ ...admin, code: second!.code }))).toBe('OK');
    expect(await issueSetupCode({ db: tdb.db, now: () => T0 }, { ttlMinutes: 60 })).toBeNull();
  });

  it('startNode prints the link only for an empty node; setupCodeTtlMinutes sets the expiry', async () => {
    for (const ttl of [5, 90]) {
      const before = Date.now();
      const node = await startNode(
        NodeConfig.parse({
          name: 'Bank',
          port: 0,
          dataDir: 'memory://',
          logLevel: 'silent',
          setupCodeTtlMinutes: ttl,
        }),
        { logger: silentLogger() },
      );
      try {
        const firstRun = node.firstRun!;
        expect(firstRun.url).toBe(`${node.url}/setup?code=${firstRun.code}`);
        // The code is issued somewhere inside startNode, which can take minutes on a loaded machine: the expiry
        // minus the TTL must fall inside that window, whatever its length (no clock-based tolerance).
        const issuedAt = firstRun.expiresAt.getTime() - ttl * 60_000;
        expect(issuedAt).toBeGreaterThanOrEqual(before);
        expect(issuedAt).toBeLessThanOrEqual(Date.now());
        const text = firstRunMessage(node.url, firstRun);
        expect(text).toContain(`concord setup admin --node ${node.url} --code ${firstRun.code}`);
      } finally {
        await node.stop();
      }
    }
    // Two node starts (migrations included) on a shared, loaded machine: a generous guard, not a speed claim.
  }, 300_000);
});
