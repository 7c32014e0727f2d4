/**
 * Separation of duties, generated: every role × every way to obtain a credential on a node → the effective role
 * is the issuer's own (or there is no credential at all), and the audit log names the real person and the
 * credential used (`session:<id>` / `token:<id>`). Ways: password sign-in (session), an API token issued by
 * oneself, a token issued by someone else for them (refused), a password set by someone else (refused unless
 * the setter holds the same role), a token that outlives a role change (dead), a legacy "acts as" token row.
 */
import { ROLES, type Role } from '@concord/access';
import type { TestDatabase } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext, type SessionUser } from '../../src/api/context.ts';
import { appRouter } from '../../src/api/router.ts';
import { createCallerFactory } from '../../src/api/trpc.ts';
import { authenticateRequest } from '../../src/auth/authenticate.ts';
import { newApiToken, tokenDigest } from '../../src/auth/tokens.ts';
import { createUser } from '../../src/auth/users.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { config, openDb } from '../consent/helpers.ts';

const PASSWORD = 'correct horse battery';
let tdb: TestDatabase<Database>;
const people = {} as Record<Role, { id: string; email: string }>;

beforeAll(async () => {
  tdb = await openDb('credential_matrix');
  for (const role of ROLES) {
    people[role] = await createUser(
      { db: tdb.db },
      { email: `${role}@matrix.test`, role, password: PASSWORD },
    );
  }
});
afterAll(() => tdb.destroy());

/** The test database on the wall clock, for lookups whose time does not matter. */
const wallClock = () => ({ db: tdb.db, now: () => new Date() });

function callerFor(user: SessionUser | null, headers: Record<string, string> = {}) {
  let cookie = '';
  return {
    api: createCallerFactory(appRouter)({
      ...createInnerContext({ db: tdb.db, config, logger: silentLogger(), user }),
      http: { headers, setHeader: (_n, v) => (cookie = String(v)), ip: '10.1.1.1' },
    }),
    cookie: () => cookie.split(';')[0]!,
  };
}

/** Signs in with a password over the login procedure; returns the request headers the browser would send. */
async function signIn(email: string, password = PASSWORD): Promise<Record<string, string>> {
  const anon = callerFor(null);
  await anon.api.auth.login({ email, password });
  return { cookie: anon.cookie() };
}

async function asRequest(headers: Record<string, string>) {
  const user = await authenticateRequest(wallClock(), headers);
  return { user, api: callerFor(user, headers).api };
}

async function lastAudit() {
  return tdb.db
    .selectFrom('audit_event')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

describe.each(ROLES)('%s', (role) => {
  it('password sign-in → a session with exactly their role, audited as them with the session id', async () => {
    const { user, api } = await asRequest(await signIn(people[role].email));
    expect(user?.role).toBe(role);
    expect(user?.credential?.kind).toBe('session');
    const { view } = await api.users.createToken({ name: `${role} laptop` });
    const session = await tdb.db
      .selectFrom('user_session')
      .select('id')
      .where('id', '=', user!.credential!.id)
      .executeTakeFirstOrThrow();
    expect(await lastAudit()).toMatchObject({
      action: 'api_token.created',
      subject_id: view.id,
      actor_id: people[role].id,
      actor: people[role].email,
      credential: `session:${session.id}`,
    });
  });

  it('a token issued by themselves → carries their role, labelled as a token in the audit log', async () => {
    const session = await asRequest(await signIn(people[role].email));
    const { token, view } = await session.api.users.createToken({ name: 'cli' });
    expect(view).toMatchObject({ userId: people[role].id, role });
    const viaToken = await asRequest({ authorization: `Bearer ${token}` });
    expect(viaToken.user).toMatchObject({
      id: people[role].id,
      role,
      credential: { kind: 'token', id: view.id },
    });
    await viaToken.api.users.createToken({ name: 'made by the token' });
    expect(await lastAudit()).toMatchObject({
      actor_id: people[role].id,
      actor: people[role].email,
      credential: `token:${view.id}`,
    });
  });

  describe.each(ROLES.filter((r) => r !== role))('for a %s', (target) => {
    it('issuing a token for someone else is refused and leaves no token', async () => {
      const { api } = await asRequest(await signIn(people[role].email));
      const before = await tdb.db.selectFrom('api_token').select('id').execute();
      expect(await codeOf(api.users.createToken({ userId: people[target].id, name: 'acts as' }))).toBe(
        'FORBIDDEN',
      );
      expect(await tdb.db.selectFrom('api_token').select('id').execute()).toHaveLength(before.length);
    });

    it('setting their password is refused unless the setter holds their role', async () => {
      const { api } = await asRequest(await signIn(people[role].email));
      const outcome = await codeOf(api.users.update({ id: people[target].id, password: 'i know it now!' }));
      // users.update is an admin procedure; an admin may only reset another admin (none here but itself).
      expect(outcome).toBe('FORBIDDEN');
      expect(await codeOf(signIn(people[target].email, 'i know it now!'))).toBe('UNAUTHENTICATED');
      expect(await codeOf(signIn(people[target].email))).toBe('OK');
    });
  });

  it('changing their own password keeps their role and ends the old session', async () => {
    const headers = await signIn(people[role].email);
    const { api } = await asRequest(headers);
    expect(
      await codeOf(api.auth.changePassword({ currentPassword: 'wrong one!', newPassword: 'x'.repeat(12) })),
    ).toBe('BAD_INPUT');
    // The new password meets the same policy as any other (here: it contains the email) and must differ.
    expect(
      await codeOf(api.auth.changePassword({ currentPassword: PASSWORD, newPassword: `${role}-x9!q` })),
    ).toBe('BAD_INPUT');
    expect(await codeOf(api.auth.changePassword({ currentPassword: PASSWORD, newPassword: PASSWORD }))).toBe(
      'BAD_INPUT',
    );
    await api.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'a brand new secret' });
    expect(await authenticateRequest(wallClock(), headers)).toBeNull();
    const again = await asRequest(await signIn(people[role].email, 'a brand new secret'));
    expect(again.user?.role).toBe(role);
    expect((await lastAudit()).actor_id).toBe(people[role].id);
    await again.api.auth.changePassword({ currentPassword: 'a brand new secret', newPassword: PASSWORD });
  });

  it('a legacy token row issued by someone else for them does not authenticate', async () => {
    const other = ROLES.find((r) => r !== role)!;
    const token = newApiToken();
    await tdb.db
      .insertInto('api_token')
      .values({
        user_id: people[role].id,
        role,
        name: 'acts as (legacy)',
        token_hash: tokenDigest(token),
        prefix: token.slice(0, 10),
        created_by: people[other].id,
      })
      .execute();
    expect(await authenticateRequest(wallClock(), { authorization: `Bearer ${token}` })).toBeNull();
  });
});

describe('role changes and resets between admins', () => {
  it('a token does not outlive its holder’s role: a role change revokes it', async () => {
    const mia = await createUser(
      { db: tdb.db },
      { email: 'mia@matrix.test', role: 'marketer', password: PASSWORD },
    );
    const { api } = await asRequest(await signIn(mia.email));
    const { token } = await api.users.createToken({ name: 'cli' });
    const admin = await asRequest(await signIn(people.admin.email));
    await admin.api.users.update({ id: mia.id, role: 'compliance' });
    expect(await authenticateRequest(wallClock(), { authorization: `Bearer ${token}` })).toBeNull();
    const revoked = await tdb.db
      .selectFrom('api_token')
      .select('revoked_at')
      .where('user_id', '=', mia.id)
      .execute();
    expect(revoked.every((t) => t.revoked_at !== null)).toBe(true);
  });

  it('an admin may reset another admin’s password (same role), audited with the admin’s session', async () => {
    const ops = await createUser(
      { db: tdb.db },
      { email: 'ops@matrix.test', role: 'admin', password: PASSWORD },
    );
    const admin = await asRequest(await signIn(people.admin.email));
    await admin.api.users.update({ id: ops.id, password: 'reset by a peer' });
    expect(await lastAudit()).toMatchObject({
      action: 'user.updated',
      actor_id: people.admin.id,
      credential: `session:${admin.user!.credential!.id}`,
    });
    expect((await asRequest(await signIn(ops.email, 'reset by a peer'))).user?.role).toBe('admin');
  });

  it('admins see and revoke any token but others only their own', async () => {
    const marketer = await asRequest(await signIn(people.marketer.email));
    const compliance = await asRequest(await signIn(people.compliance.email));
    const { view } = await compliance.api.users.createToken({ name: 'dpo script' });
    expect((await marketer.api.users.listTokens()).every((t) => t.userId === people.marketer.id)).toBe(true);
    expect(await codeOf(marketer.api.users.revokeToken({ id: view.id }))).toBe('NOT_FOUND');
    const admin = await asRequest(await signIn(people.admin.email));
    expect((await admin.api.users.listTokens()).some((t) => t.id === view.id)).toBe(true);
    await admin.api.users.revokeToken({ id: view.id });
    expect(await lastAudit()).toMatchObject({ action: 'api_token.revoked', actor_id: people.admin.id });
  });

  it('the audit log labels tokens as tokens, and rewriting a credential breaks the chain', async () => {
    const dpo = await asRequest(await signIn(people.compliance.email));
    const { token, view } = await dpo.api.users.createToken({ name: 'audit script' });
    const viaToken = await asRequest({ authorization: `Bearer ${token}` });
    await viaToken.api.users.createToken({ name: 'second' });
    const {
      items: [latest],
    } = await dpo.api.audit.list({ limit: 1 });
    expect(latest).toMatchObject({
      actor: people.compliance.email,
      credential: `token:${view.id}`,
      credentialLabel: `API token "audit script" (${token.slice(0, 10)}…)`,
    });
    // Server-side pages: offset/limit over the newest-first log, with the total of the filter.
    const all = await dpo.api.audit.list({ limit: 500 });
    const second = await dpo.api.audit.list({ offset: 1, limit: 2 });
    expect(second.items.map((e) => e.seq)).toEqual(all.items.slice(1, 3).map((e) => e.seq));
    expect(second.total).toBe(all.items.length);
    const tokens = await dpo.api.audit.list({ subjectType: 'ApiToken', limit: 1 });
    expect(tokens.total).toBe(all.items.filter((e) => e.subjectType === 'ApiToken').length);
    expect(await dpo.api.audit.verify()).toMatchObject({ ok: true });
    await sql`update audit_event set credential = ${`session:${dpo.user!.credential!.id}`}
      where seq = ${latest!.seq}`.execute(tdb.db);
    expect(await dpo.api.audit.verify()).toMatchObject({
      ok: false,
      firstBroken: { seq: latest!.seq, reason: 'hash_mismatch' },
    });
  });
});
