// The operator console's server side over HTTP: sign-in with the operator token → httpOnly session cookie (stored
// hashed), the console header on every cookie call (CSRF), CASL on every operator procedure, rotation by
// re-invitation, metadata-only overviews, and the console served at `/` only when --web-dir is set.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCleanroomClient, createPublicClient } from '@concord/protocol/client';
import { ConcordError } from '@concord/protocol/errors';
import { silentLogger } from '@concord/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../src/api/context.ts';
import { operatorCan, router } from '../src/api/trpc.ts';
import { startCleanroom } from '../src/server.ts';
import {
  addPartner,
  newSecret,
  OPERATOR_TOKEN,
  publish,
  startTestCleanroom,
  type TestCleanroom,
  testConfig,
  tokenFor,
  wrapSecret,
} from './helpers.ts';

const web = mkdtempSync(join(tmpdir(), 'concord-opconsole-'));
writeFileSync(join(web, 'index.html'), '<title>node console</title>');
writeFileSync(join(web, 'operator.html'), '<title>operator console</title>');
let cr: TestCleanroom;
beforeAll(async () => {
  cr = await startTestCleanroom('cr_opconsole', { webDir: web });
});
afterAll(async () => {
  await cr.stop();
  rmSync(web, { recursive: true, force: true });
});

const CONSOLE = { 'x-concord-request': '1' };

interface Answer {
  status: number;
  code: string;
  data: unknown;
  setCookie: string | null;
}

async function call(
  path: string,
  opts: { input?: unknown; headers?: Record<string, string>; mutation?: boolean } = {},
): Promise<Answer> {
  const url = new URL(`/trpc/${path}`, cr.url);
  if (!opts.mutation && opts.input !== undefined) url.searchParams.set('input', JSON.stringify(opts.input));
  const res = await fetch(url, {
    method: opts.mutation ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...opts.headers },
    body: opts.mutation ? JSON.stringify(opts.input ?? null) : undefined,
  });
  const body = (await res.json()) as {
    result?: { data: unknown };
    error?: { data?: { concordCode?: string } };
  };
  return {
    status: res.status,
    code: body.error?.data?.concordCode ?? 'OK',
    data: body.result?.data,
    setCookie: res.headers.get('set-cookie'),
  };
}

async function signIn(): Promise<string> {
  const answer = await call('operatorAuth.login', {
    input: { token: OPERATOR_TOKEN },
    headers: CONSOLE,
    mutation: true,
  });
  expect(answer.code).toBe('OK');
  const cookie = answer.setCookie ?? '';
  return cookie.split(';')[0] ?? '';
}

describe('operator console sign-in', () => {
  it('sets an httpOnly SameSite=Strict cookie for the right token only, and only from the console', async () => {
    const login = (token: string, headers: Record<string, string>) =>
      call('operatorAuth.login', { input: { token }, headers, mutation: true });
    expect((await login(OPERATOR_TOKEN, {})).code).toBe('CROSS_SITE_REFUSED');
    expect((await login('not-the-operator-token', CONSOLE)).code).toBe('UNAUTHENTICATED');
    const ok = await login(OPERATOR_TOKEN, CONSOLE);
    const port = new URL(cr.url).port;
    expect(ok.setCookie).toMatch(
      new RegExp(`^concord_operator_${port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict`),
    );
    expect(JSON.stringify(ok.data)).toBe('{"signedIn":true}');
    // Only the session token's digest is kept.
    const sessionToken = ok.setCookie!.split(';')[0]!.split('=')[1]!;
    const rows = await cr.service.db.selectFrom('operator_sessions').selectAll().execute();
    expect(
      JSON.stringify(rows, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString() : v)),
    ).not.toContain(sessionToken);
  });

  it('a session cookie works only with the console header, and not after sign-out', async () => {
    const cookie = await signIn();
    expect((await call('operator.listPartners', { headers: { cookie } })).code).toBe('CROSS_SITE_REFUSED');
    expect((await call('operator.listPartners', { headers: { cookie, ...CONSOLE } })).code).toBe('OK');
    const me = await call('operatorAuth.me', { headers: { cookie, ...CONSOLE } });
    expect(me.data).toMatchObject({ signedIn: true });
    const out = await call('operatorAuth.logout', { headers: { cookie, ...CONSOLE }, mutation: true });
    expect(out.setCookie).toMatch(/Max-Age=0/);
    expect((await call('operator.listPartners', { headers: { cookie, ...CONSOLE } })).code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await call('operatorAuth.me', { headers: { cookie } })).data).toEqual({
      signedIn: false,
      rules: null,
    });
  });

  it('neither nobody nor a partner credential is the operator', async () => {
    const partner = await addPartner(cr, 'Outsider Retail', 'retail');
    for (const path of [
      'operator.health',
      'operator.collaborations',
      'operator.activity',
      'operator.listPartners',
    ]) {
      expect((await call(path)).code).toBe('UNAUTHENTICATED');
      const bearer = { authorization: `Bearer ${partner.credential}` };
      expect((await call(path, { headers: bearer })).code).toBe('UNAUTHENTICATED');
    }
  });

  it('every operator procedure checks its CASL permission: a subject outside the operator rules is refused', async () => {
    const probe = router({ customers: operatorCan('read', 'Customer').query(() => 'leaked') });
    const ctx = createInnerContext({
      db: cr.service.db,
      config: testConfig(undefined),
      logger: silentLogger(),
      bearer: OPERATOR_TOKEN,
    });
    const error = await probe
      .createCaller(ctx)
      .customers()
      .catch((e: unknown) => e);
    expect((error as { cause?: unknown }).cause).toBeInstanceOf(ConcordError);
    expect(((error as { cause: ConcordError }).cause as ConcordError).code).toBe('FORBIDDEN');
  });
});

describe('operator console data', () => {
  it('rotation re-invites: the old credential stops, the code brings the same partner back with a new one', async () => {
    const partner = await addPartner(cr, 'Rotating Bank', 'bank');
    const cookie = await signIn();
    const headers = { cookie, ...CONSOLE, 'idempotency-key': `reissue-${randomBytes(6).toString('hex')}` };
    const answer = await call('operator.reissue', {
      input: { partnerId: partner.id },
      headers,
      mutation: true,
    });
    expect(answer.code).toBe('OK');
    const { code, invitation } = answer.data as {
      code: string;
      invitation: { name: string; industry: string };
    };
    expect(invitation).toMatchObject({ name: 'Rotating Bank', industry: 'bank' });
    const old = await partner.client.whoami().catch((e: ConcordError) => e.code);
    expect(old).toBe('UNAUTHENTICATED');
    const publicKey = randomBytes(32).toString('base64url');
    const redeemed = await createPublicClient({ baseUrl: cr.url, retries: 0 }).redeemInvitation({
      code,
      publicKey,
    });
    expect(redeemed.partner.id).toBe(partner.id);
    const back = createCleanroomClient({ baseUrl: cr.url, credential: redeemed.credential });
    expect((await back.whoami()).partner.name).toBe('Rotating Bank');
  });

  it('health, collaborations and activity answer with metadata only', async () => {
    const cookie = await signIn();
    const headers = { cookie, ...CONSOLE };
    const health = await call('operator.health', { headers });
    expect(health.data).toMatchObject({ ok: true, partners: { active: 2 } });
    const collabs = await call('operator.collaborations', { headers });
    expect(collabs.data).toEqual({ collaborations: [] });
    const activity = await call('operator.activity', { headers, input: { limit: 10 } });
    expect(activity.data).toEqual({ ingestion: [], matches: [] });
    const partners = await call('operator.listPartners', { headers });
    expect(JSON.stringify(partners.data)).not.toMatch(/ccp_/);
  });
});

describe('overviews with a live collaboration', () => {
  it('show states, members, counts and activity, and never a token or member id', async () => {
    const a = await addPartner(cr, 'Overview Retail', 'retail');
    const b = await addPartner(cr, 'Overview Insurance', 'insurance');
    const secret = newSecret();
    const purpose = 'analytics.audience_overlap';
    const { collaboration } = await a.client.proposeCollaboration({
      name: 'Overview collaboration',
      memberIds: [b.id],
      purposes: [purpose],
      policy: {
        kMin: 2,
        crossSellLists: true,
        referralLists: false,
        epsilonBudget: 2,
        epsilonPerQuery: 0.5,
        minSegmentSize: 2,
        listTtlHours: 24,
        retentionDays: 30,
      },
      tokenMode: 'hmac',
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      wrappedSecrets: [a, b].map((p) => wrapSecret(secret, p.id, p.publicKey)),
      officer: 'officer-a',
    });
    const people = (from: number) =>
      Array.from({ length: 12 }, (_, i) => ({ email: `p${from + i}@example.com`, mask: 1 }));
    const cookie = await signIn();
    const headers = { cookie, ...CONSOLE };
    const pending = (await call('operator.collaborations', { headers })).data as {
      collaborations: { name: string; status: string; members: { name: string; status: string }[] }[];
    };
    expect(pending.collaborations[0]).toMatchObject({ name: 'Overview collaboration', status: 'pending' });
    await b.client.approveCollaboration({ collaborationId: collaboration.id });
    const pubA = await publish(a, collaboration.id, secret, 'a', people(0));
    const pubB = await publish(b, collaboration.id, secret, 'b', people(4));
    await a.client.requestMatch({
      collaborationId: collaboration.id,
      requesterPublicationId: pubA.publicationId,
      partnerPublicationIds: [pubB.publicationId],
      purpose,
      kind: 'insight',
    });

    const collabs = (await call('operator.collaborations', { headers })).data;
    expect(collabs).toMatchObject({
      collaborations: [
        {
          name: 'Overview collaboration',
          status: 'active',
          purposes: [purpose],
          livePublications: 2,
          matches: 1,
          members: [
            { name: 'Overview Insurance', status: 'approved' },
            { name: 'Overview Retail', status: 'approved' },
          ],
        },
      ],
    });
    const activity = (await call('operator.activity', { headers, input: { limit: 10 } })).data as {
      ingestion: { owner: string; status: string; members: number; records: number }[];
      matches: { requester: string; kind: string; epsilonCharged: number }[];
    };
    expect(activity.ingestion.map((v) => [v.owner, v.status, v.members, v.records]).sort()).toEqual([
      ['Overview Insurance', 'live', 12, 12],
      ['Overview Retail', 'live', 12, 12],
    ]);
    expect(activity.matches).toMatchObject([
      { requester: 'Overview Retail', kind: 'insight', epsilonCharged: 0.5 },
    ]);
    const health = (await call('operator.health', { headers })).data as {
      collaborations: Record<string, number>;
    };
    expect(health.collaborations).toEqual({ active: 1 });

    const everything = JSON.stringify([
      collabs,
      activity,
      health,
      (await call('operator.auditEvents', { headers, input: { after: 0, limit: 1000 } })).data,
    ]);
    const token = Buffer.from(tokenFor(secret, 'email', 'p4@example.com'));
    for (const forbidden of [
      ...pubA.memberIds,
      ...pubB.memberIds,
      token.toString('hex'),
      token.toString('base64url'),
      'p4@example.com',
      a.credential,
    ])
      expect(everything).not.toContain(forbidden);
  });
});

describe('the console at /', () => {
  it('serves operator.html for / and client routes, never the node console entry', async () => {
    for (const path of ['/', '/partners', '/index.html']) {
      const res = await fetch(new URL(path, cr.url));
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('<title>operator console</title>');
    }
  });

  it('without --web-dir the root stays a 404 (changing only webDir changes the outcome)', async () => {
    const bare = await startCleanroom(testConfig(undefined), { logger: silentLogger() });
    try {
      const res = await fetch(new URL('/', bare.url));
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    } finally {
      await bare.stop();
    }
    // An embedded clean room's start (PGlite + every migration) is slow on a busy machine: an outer bound only.
  }, 180_000);
});
