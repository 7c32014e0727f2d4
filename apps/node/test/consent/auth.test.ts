import { abilityFromPackedRules } from '@concord/access';
import type { TestDatabase } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpBits } from '../../src/api/context.ts';
import { createInnerContext } from '../../src/api/context.ts';
import { appRouter } from '../../src/api/router.ts';
import { createCallerFactory } from '../../src/api/trpc.ts';
import { authenticateRequest } from '../../src/auth/authenticate.ts';
import { FAST_SCRYPT, hashPassword, verifyPassword } from '../../src/auth/password.ts';
import { createUser } from '../../src/auth/users.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { caller, config, openDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
beforeAll(async () => {
  tdb = await openDb('auth');
  await createUser(
    { db: tdb.db },
    { email: 'Ada@Bank.test', role: 'compliance', password: 'correct horse battery' },
  );
});
afterAll(() => tdb.destroy());

/** The test database on the wall clock, for lookups whose time does not matter. */
const wallClock = () => ({ db: tdb.db, now: () => new Date() });

function http(ip: string, headers: Record<string, string> = {}) {
  const set: Array<[string, string | string[]]> = [];
  const bits: HttpBits = { headers, setHeader: (n, v) => set.push([n, v]), ip };
  return { bits, set };
}

/** A caller whose user comes from the request headers, as server.ts does. */
async function requestCaller(headers: Record<string, string>, now = new Date()) {
  const user = await authenticateRequest({ db: tdb.db, now: () => now }, headers);
  return createCallerFactory(appRouter)({
    ...createInnerContext({ db: tdb.db, config, logger: silentLogger(), user, now: () => now }),
    http: http('10.0.0.1', headers).bits,
  });
}

describe('passwords', () => {
  it('stores scrypt with its parameters and verifies', async () => {
    const h = await hashPassword('s3cret-pass!', FAST_SCRYPT);
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('s3cret-pass!', h)).toBe(true);
    expect(await verifyPassword('s3cret-pass?', h)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});

/** The session token from the Set-Cookie header a login produced. */
function sessionToken(set: Array<[string, string | string[]]>): string {
  return String(set[0]?.[1] ?? '')
    .split(';')[0]!
    .split('=')[1]!;
}

describe('login, sessions and tokens', () => {
  it('signs in, sets an httpOnly SameSite=Lax cookie, and the cookie authenticates', async () => {
    const { bits, set } = http('10.0.0.1', { 'user-agent': 'vitest' });
    const res = await caller(tdb.db, null, { http: bits }).auth.login({
      email: 'ada@bank.test',
      password: 'correct horse battery',
    });
    expect(res.user).toMatchObject({ email: 'ada@bank.test', role: 'compliance' });
    // The session token is only in the httpOnly cookie, never in the response body script could read.
    expect(Object.keys(res).sort()).toEqual(['expiresAt', 'user']);
    expect(set).toHaveLength(1);
    const [name, cookie] = set[0]!;
    expect(name).toBe('Set-Cookie');
    const token = sessionToken(set);
    expect(cookie).toBe(`concord_session=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200`);
    // Only the digest is stored.
    const stored = await tdb.db.selectFrom('user_session').select('token_hash').execute();
    expect(stored.some((s) => Buffer.from(s.token_hash).toString('base64url') === token)).toBe(false);

    const user = await authenticateRequest(wallClock(), { cookie: `other=1; concord_session=${token}` });
    expect(user).toEqual({
      id: res.user.id,
      email: 'ada@bank.test',
      role: 'compliance',
      credential: { kind: 'session', id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });

    const me = await (await requestCaller({ cookie: `concord_session=${token}` })).auth.me();
    expect(me.user.email).toBe('ada@bank.test');
    const ability = abilityFromPackedRules(me.rules);
    expect(ability.can('verify', 'AuditLog')).toBe(true);
    expect(ability.can('create', 'User')).toBe(false);

    await (await requestCaller({ cookie: `concord_session=${token}` })).auth.logout();
    expect(await authenticateRequest(wallClock(), { cookie: `concord_session=${token}` })).toBeNull();
  });

  it('expires sessions after 12 hours', async () => {
    const now = new Date('2026-11-22T08:00:00Z');
    const { bits, set } = http('10.0.0.9');
    await caller(tdb.db, null, { now, http: bits }).auth.login({
      email: 'ada@bank.test',
      password: 'correct horse battery',
    });
    const headers = { cookie: `concord_session=${sessionToken(set)}` };
    expect(
      await authenticateRequest({ db: tdb.db, now: () => new Date(now.getTime() + 11 * 3600_000) }, headers),
    ).not.toBeNull();
    expect(
      await authenticateRequest(
        { db: tdb.db, now: () => new Date(now.getTime() + 12 * 3600_000 + 1) },
        headers,
      ),
    ).toBeNull();
  });

  it('rejects a wrong password and an unknown email with the same code', async () => {
    const c = caller(tdb.db, null, { http: http('10.0.0.2').bits });
    expect(await codeOf(c.auth.login({ email: 'ada@bank.test', password: 'nope nope nope' }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await codeOf(c.auth.login({ email: 'eve@bank.test', password: 'nope nope nope' }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('rate-limits after 5 failures per email and IP, even with the right password, but not from another IP', async () => {
    const c = caller(tdb.db, null, { http: http('10.0.0.3').bits });
    for (let i = 0; i < 5; i++) {
      expect(await codeOf(c.auth.login({ email: 'ada@bank.test', password: `wrong ${i} password` }))).toBe(
        'UNAUTHENTICATED',
      );
    }
    expect(await codeOf(c.auth.login({ email: 'ada@bank.test', password: 'correct horse battery' }))).toBe(
      'RATE_LIMITED',
    );
    const other = caller(tdb.db, null, { http: http('10.0.0.4').bits });
    expect(
      await codeOf(other.auth.login({ email: 'ada@bank.test', password: 'correct horse battery' })),
    ).toBe('OK');
    // 15 minutes later the window has passed.
    const later = caller(tdb.db, null, {
      now: new Date(Date.now() + 16 * 60_000),
      http: http('10.0.0.3').bits,
    });
    expect(
      await codeOf(later.auth.login({ email: 'ada@bank.test', password: 'correct horse battery' })),
    ).toBe('OK');
  });

  it('issues API tokens for the CLI (bearer), and revoking or disabling ends them', async () => {
    const admin = caller(tdb.db, 'admin');
    const users = await admin.users.list();
    const ada = users.find((u) => u.email === 'ada@bank.test')!;
    // Only Ada issues Ada's tokens: an admin naming her is refused (the token would let the admin act as her).
    expect(await codeOf(admin.users.createToken({ userId: ada.id, name: 'acting as' }))).toBe('FORBIDDEN');
    const asAda = createCallerFactory(appRouter)(
      createInnerContext({ db: tdb.db, config, logger: silentLogger(), user: { ...ada } }),
    );
    const { token, view } = await asAda.users.createToken({ name: 'laptop cli' });
    expect(view).toMatchObject({ userId: ada.id, role: 'compliance' });
    expect(token).toMatch(/^cct_[A-Za-z0-9_-]{43}$/);
    expect(view.prefix).toBe(token.slice(0, 10));
    const bearer = { authorization: `Bearer ${token}` };
    expect(await authenticateRequest(wallClock(), bearer)).toMatchObject({ email: 'ada@bank.test' });
    expect(await (await requestCaller(bearer)).audit.verify()).toMatchObject({ ok: true });

    await admin.users.revokeToken({ id: view.id });
    expect(await authenticateRequest(wallClock(), bearer)).toBeNull();

    const second = await asAda.users.createToken({ name: 'second' });
    await admin.users.update({ id: ada.id, disabled: true });
    expect(await authenticateRequest(wallClock(), { authorization: `Bearer ${second.token}` })).toBeNull();
    await admin.users.update({ id: ada.id, disabled: false });
    expect(
      await authenticateRequest(wallClock(), { authorization: `Bearer ${second.token}` }),
    ).not.toBeNull();
  });

  it('refuses duplicate users and short passwords', async () => {
    const admin = caller(tdb.db, 'admin');
    expect(
      await codeOf(
        admin.users.create({ email: 'ada@bank.test', role: 'marketer', password: 'long enough pw' }),
      ),
    ).toBe('CONFLICT');
    expect(
      await codeOf(admin.users.create({ email: 'bob@bank.test', role: 'marketer', password: 'short' })),
    ).toBe('BAD_INPUT');
  });

  it('returns null for garbage credentials', async () => {
    expect(await authenticateRequest(wallClock(), {})).toBeNull();
    expect(await authenticateRequest(wallClock(), { cookie: 'concord_session=forged' })).toBeNull();
    expect(await authenticateRequest(wallClock(), { authorization: 'Bearer cct_forged' })).toBeNull();
  });
});
