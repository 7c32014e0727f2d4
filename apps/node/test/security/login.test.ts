// Issue 11 item 5: hashing off the event loop, per-source limits, no lock-out by strangers, admin unlock and
// reset, and a password policy beyond length.
import { performance } from 'node:perf_hooks';
import type { TestDatabase } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import { scrypt as nobleScrypt } from '@noble/hashes/scrypt.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext, type HttpBits, type InnerContext } from '../../src/api/context.ts';
import { appRouter } from '../../src/api/router.ts';
import { createCallerFactory } from '../../src/api/trpc.ts';
import { createLoginGuard } from '../../src/auth/login-guard.ts';
import { STANDARD_SCRYPT, verifyPassword } from '../../src/auth/password.ts';
import { passwordProblem } from '../../src/auth/password-policy.ts';
import { createUser } from '../../src/auth/users.ts';
import type { Database } from '../../src/db/database.ts';
import { NodeConfig } from '../../src/env.ts';
import { codeOf } from '../code-of.ts';
import { caller, config, openDb } from '../consent/helpers.ts';

let tdb: TestDatabase<Database>;
const ADA = { email: 'ada.lovelace@bank.test', password: 'analytical engine notes' };

beforeAll(async () => {
  tdb = await openDb('sec_login');
  await createUser({ db: tdb.db }, { email: ADA.email, role: 'marketer', password: ADA.password });
});
afterAll(() => tdb.destroy());

function http(ip: string): HttpBits {
  return { headers: {}, setHeader: () => {}, ip };
}

/** A login caller from `ip` sharing one node context (one guard), like requests to a running node. */
function from(inner: InnerContext, ip: string, now?: Date) {
  return createCallerFactory(appRouter)({ ...inner, ...(now ? { now: () => now } : {}), http: http(ip) });
}

describe('password hashing', () => {
  it('keeps the event loop free while hashing (native scrypt on the thread pool)', async () => {
    const before = performance.eventLoopUtilization();
    const stored = `scrypt$${STANDARD_SCRYPT.N}$8$1$${Buffer.alloc(16, 7).toString('base64')}$${Buffer.alloc(32).toString('base64')}`;
    await Promise.all([verifyPassword('a password', stored), verifyPassword('b password', stored)]);
    const { utilization } = performance.eventLoopUtilization(before);
    // On the event loop (the old @noble/hashes code) utilization is close to 1.
    expect(utilization).toBeLessThan(0.5);
  });

  it('verifies hashes stored by the previous implementation (@noble/hashes), same format', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = nobleScrypt('Grüße aus Köln 🎉', salt, { N: 2 ** 10, r: 8, p: 1, dkLen: 32 });
    const stored = ['scrypt', 1024, 8, 1, salt.toString('base64'), Buffer.from(key).toString('base64')].join(
      '$',
    );
    expect(await verifyPassword('Grüße aus Köln 🎉', stored)).toBe(true);
    expect(await verifyPassword('Grüße aus Koln 🎉', stored)).toBe(false);
  });
});

describe('login guard', () => {
  /** Starts `n` hashing jobs that wait until released; returns how many were refused. */
  async function flood(guard: ReturnType<typeof createLoginGuard>, n: number) {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let active = 0;
    let peak = 0;
    const jobs = Array.from({ length: n }, () =>
      codeOf(
        guard.hashing(async () => {
          active += 1;
          peak = Math.max(peak, active);
          await gate;
          active -= 1;
        }),
      ),
    );
    await new Promise((r) => setImmediate(r));
    release();
    const codes = await Promise.all(jobs);
    return { refused: codes.filter((c) => c === 'RATE_LIMITED').length, peak };
  }

  it('caps hashes at once and refuses beyond the queue', async () => {
    const guard = createLoginGuard({ concurrency: 2, queue: 3, perSource: { burst: 99, perMinute: 99 } });
    expect(await flood(guard, 8)).toEqual({ refused: 3, peak: 2 });
  });

  it('refuses before any work when every slot and queue place is taken', async () => {
    const guard = createLoginGuard({ concurrency: 1, queue: 1, perSource: { burst: 9, perMinute: 9 } });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const jobs = [guard.hashing(() => gate), guard.hashing(() => gate)];
    expect(() => guard.checkCapacity()).toThrow(/sign-in is busy/);
    release();
    await Promise.all(jobs);
    expect(() => guard.checkCapacity()).not.toThrow();
  });

  it('takes the hashing concurrency from the node config (loginConcurrency)', async () => {
    const guardWith = (loginConcurrency: number) =>
      createInnerContext({
        db: tdb.db,
        logger: silentLogger(),
        config: NodeConfig.parse({ name: 'Bank', loginConcurrency }),
      }).loginGuard;
    // The default queue holds 16: 18 waiting jobs leave 1 refused with one slot, none with three.
    expect(await flood(guardWith(1), 18)).toEqual({ refused: 1, peak: 1 });
    expect(await flood(guardWith(3), 18)).toEqual({ refused: 0, peak: 3 });
  });

  it('gives each source a budget of attempts that refills over time', () => {
    const guard = createLoginGuard({ concurrency: 1, queue: 1, perSource: { burst: 3, perMinute: 6 } });
    for (let i = 0; i < 3; i++) guard.admit('10.1.0.1', 0);
    expect(() => guard.admit('10.1.0.1', 0)).toThrow(/too many sign-in attempts/);
    guard.admit('10.1.0.2', 0);
    guard.admit('10.1.0.1', 10_000); // one attempt back after 10 s at 6 per minute
  });
});

describe('back-off per account and source', () => {
  it('refuses random unknown emails from one source after 30 failures, not other sources', async () => {
    const inner = createInnerContext({ db: tdb.db, config, logger: silentLogger() });
    const codes: string[] = [];
    for (let i = 0; i < 31; i++) {
      // A fresh guard each time isolates the database-backed per-source limit from the in-memory budget.
      const c = from({ ...inner, loginGuard: createLoginGuard() }, '10.2.0.1');
      codes.push(
        String(await codeOf(c.auth.login({ email: `nobody${i}@x.test`, password: 'guess guess 1' }))),
      );
    }
    expect(codes.slice(0, 30).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    expect(codes[30]).toBe('RATE_LIMITED');
    const elsewhere = from(inner, '10.2.0.2');
    expect(await codeOf(elsewhere.auth.login({ email: 'nobody@x.test', password: 'guess guess 1' }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('a stranger failing from many addresses cannot lock the user out of her own address', async () => {
    const inner = createInnerContext({ db: tdb.db, config, logger: silentLogger() });
    for (let ip = 0; ip < 6; ip++) {
      for (let i = 0; i < 5; i++) {
        const stranger = from(inner, `10.3.0.${ip}`);
        await codeOf(stranger.auth.login({ email: ADA.email, password: `wrong ${i} password` }));
      }
    }
    // 30 failures for the account in the window: the stranger's sources are paused, Ada's is not.
    const strangerAgain = from(inner, '10.3.0.0');
    expect(await codeOf(strangerAgain.auth.login(ADA))).toBe('RATE_LIMITED');
    expect(await codeOf(from(inner, '192.168.1.20').auth.login(ADA))).toBe('OK');
  });

  it('admins see the pause and lift it (users.unlock), or reset the password; both are audited', async () => {
    const inner = createInnerContext({ db: tdb.db, config, logger: silentLogger() });
    const ip = '192.168.7.7';
    for (let i = 0; i < 5; i++)
      await codeOf(from(inner, ip).auth.login({ ...ADA, password: `typo ${i} pass` }));
    const locked = await codeOf(from(inner, ip).auth.login(ADA));
    expect(locked).toBe('RATE_LIMITED');
    const admin = caller(tdb.db, 'admin');
    const ada = (await admin.users.list()).find((u) => u.email === ADA.email)!;
    expect(ada.lockedOut).toBe(true);
    await admin.users.unlock({ id: ada.id });
    expect((await admin.users.list()).find((u) => u.id === ada.id)?.lockedOut).toBe(false);
    expect(await codeOf(from(inner, ip).auth.login(ADA))).toBe('OK');

    // A reset is a peer's answer (separation of duties, issue 12: an admin sets only another admin's password;
    // a marketer's or compliance officer's is theirs to change). It clears the pause like an unlock.
    const GRACE = { email: 'grace.hopper@bank.test', password: 'compiler of the first kind' };
    const grace = await createUser({ db: tdb.db }, { ...GRACE, role: 'admin' });
    const ops = await createUser(
      { db: tdb.db },
      { email: 'ops@bank.test', role: 'admin', password: GRACE.password },
    );
    const peer = createCallerFactory(appRouter)({ ...inner, user: { ...ops, role: 'admin' } });
    for (let i = 0; i < 5; i++)
      await codeOf(from(inner, ip).auth.login({ ...GRACE, password: `typo ${i} pass` }));
    expect(await codeOf(from(inner, ip).auth.login(GRACE))).toBe('RATE_LIMITED');
    expect(await codeOf(peer.users.update({ id: ada.id, password: 'a brand new passphrase' }))).toBe(
      'FORBIDDEN',
    );
    await peer.users.update({ id: grace.id, password: 'a brand new passphrase' });
    expect(await codeOf(from(inner, ip).auth.login({ ...GRACE, password: 'a brand new passphrase' }))).toBe(
      'OK',
    );
    const events = await tdb.db
      .selectFrom('audit_event')
      .select(['action', 'subject_id'])
      .where('subject_id', 'in', [ada.id, grace.id])
      .execute();
    expect(events.map((e) => [e.subject_id, e.action])).toEqual(
      expect.arrayContaining([
        [ada.id, 'user.unlocked'],
        [grace.id, 'user.updated'],
      ]),
    );
    expect(await codeOf(caller(tdb.db, 'marketer').users.unlock({ id: ada.id }))).toBe('FORBIDDEN');
  });
});

describe('password policy', () => {
  const REFUSED = [
    'aaaaaaaaaa',
    '1234567890',
    '0987654321',
    'qwertyuiop',
    'abcdefghij',
    'ababababab',
    'abcabcabcabc',
    '1212121212',
    'Password123!',
    'password1234',
    'Qwerty2024!!',
    '1q2w3e4r5t',
    'iloveyou12',
    'Welcome2026',
    'ada.lovelace1815',
  ];

  it('refuses common and trivial passwords, naming the reason', () => {
    for (const pw of REFUSED) expect(passwordProblem(pw, ADA.email), pw).not.toBeNull();
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem('Password123!')).toMatch(/most common/);
    expect(passwordProblem('aaaaaaaaaa')).toMatch(/too few different/);
  });

  it('accepts passphrases and random passwords', () => {
    const random = Array.from({ length: 50 }, () =>
      Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString('base64url'),
    );
    for (const pw of ['correct horse battery', 'Tr0ub4dor&3x-blue', 'kettle on the windowsill', ...random]) {
      expect(passwordProblem(pw, ADA.email), pw).toBeNull();
    }
  });

  it('is enforced by users.create and users.update with BAD_INPUT', async () => {
    const admin = caller(tdb.db, 'admin');
    for (const password of ['aaaaaaaaaa', '1234567890', 'Password123!']) {
      expect(await codeOf(admin.users.create({ email: 'new@bank.test', role: 'marketer', password }))).toBe(
        'BAD_INPUT',
      );
    }
    const ada = (await admin.users.list()).find((u) => u.email === ADA.email)!;
    expect(await codeOf(admin.users.update({ id: ada.id, password: 'qwertyuiop' }))).toBe('BAD_INPUT');
  });
});
