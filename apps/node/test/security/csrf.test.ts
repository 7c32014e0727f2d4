// Issue 11 item 7: a cookie-authenticated state change needs the console's header or this node's own Origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import { codeIn, signedInCookie, startTestNode, type TestNode } from './harness.ts';

let t: TestNode;
let proxied: TestNode;
let cookie: string;
let proxiedCookie: string;
let token: string;

beforeAll(async () => {
  [t, proxied] = await Promise.all([
    startTestNode('csrf'),
    startTestNode('csrf_proxy', { trustProxy: true }),
  ]);
  [cookie, proxiedCookie] = await Promise.all([
    signedInCookie(t, 'admin@csrf.test', 'admin'),
    signedInCookie(proxied, 'admin@proxy.test', 'admin'),
  ]);
  const admin = await t.node.db.selectFrom('app_user').select(['id', 'email']).executeTakeFirstOrThrow();
  token = (await createApiToken({ db: t.node.db, now: () => new Date() }, { name: 'cli', actor: admin }))
    .token;
  // Two nodes migrate their databases side by side: slow on a busy machine.
}, 180_000);
afterAll(async () => {
  await Promise.all([t?.stop(), proxied?.stop()]);
});

async function customerExists(node: TestNode, externalId: string): Promise<boolean> {
  const row = await node.node.db
    .selectFrom('customer')
    .select('id')
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row !== undefined;
}

async function createCustomer(node: TestNode, externalId: string, headers: Record<string, string>) {
  const res = await fetch(`${node.url}/trpc/customers.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ externalId, firstName: 'Eve' }),
  });
  return { status: res.status, code: codeIn(await res.text()) };
}

async function upload(node: TestNode, externalId: string, headers: Record<string, string>) {
  // text/plain: what an HTML form on another site can send without a preflight.
  const res = await fetch(`${node.url}/api/imports/customers`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', ...headers },
    body: `external_id,first_name\n${externalId},Eve\n`,
  });
  const text = await res.text();
  return { status: res.status, text };
}

const refused = { status: 403, code: 'CROSS_SITE_REFUSED' };

describe('tRPC mutations with the session cookie', () => {
  it('refuses a foreign Origin, another port on the same host, and no Origin at all', async () => {
    const otherPort = `http://127.0.0.1:${t.port === 65535 ? 1 : t.port + 1}`;
    expect(await createCustomer(t, 'X-1', { cookie, origin: 'http://evil.example' })).toEqual(refused);
    expect(await createCustomer(t, 'X-2', { cookie, origin: otherPort })).toEqual(refused);
    expect(await createCustomer(t, 'X-3', { cookie, origin: `https://127.0.0.1:${t.port}` })).toEqual(
      refused,
    );
    expect(await createCustomer(t, 'X-4', { cookie })).toEqual(refused);
    for (const id of ['X-1', 'X-2', 'X-3', 'X-4']) expect(await customerExists(t, id)).toBe(false);
  });

  it('accepts the console header, or the Origin of this very node', async () => {
    expect((await createCustomer(t, 'OK-1', { cookie, 'x-concord-request': '1' })).status).toBe(200);
    expect((await createCustomer(t, 'OK-2', { cookie, origin: t.url })).status).toBe(200);
    expect(await customerExists(t, 'OK-1')).toBe(true);
    expect(await customerExists(t, 'OK-2')).toBe(true);
  });

  it('does not apply to bearer tokens (a browser never attaches them on its own)', async () => {
    const res = await createCustomer(t, 'CLI-1', { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
  });

  it('refuses a cross-site login too (login CSRF would sign the victim into the attacker account)', async () => {
    const res = await fetch(`${t.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ email: 'admin@csrf.test', password: 'edge test password' }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});

describe('upload routes with the session cookie', () => {
  it('refuses a text/plain upload from a foreign Origin or another port; no customer is created', async () => {
    const evil = await upload(t, 'UP-EVIL', { cookie, origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(codeIn(evil.text)).toBe('CROSS_SITE_REFUSED');
    const port = await upload(t, 'UP-PORT', { cookie, origin: `http://127.0.0.1:${t.port + 1}` });
    expect(port.status).toBe(403);
    expect(await customerExists(t, 'UP-EVIL')).toBe(false);
    expect(await customerExists(t, 'UP-PORT')).toBe(false);
  });

  it('imports with the console header, and with a bearer token', async () => {
    expect((await upload(t, 'UP-OK', { cookie, 'x-concord-request': '1' })).status).toBe(200);
    expect((await upload(t, 'UP-CLI', { authorization: `Bearer ${token}` })).status).toBe(200);
    expect(await customerExists(t, 'UP-OK')).toBe(true);
    expect(await customerExists(t, 'UP-CLI')).toBe(true);
  });
});

describe('behind a proxy', () => {
  const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'crm.example.com' };

  it('matches the Origin against the forwarded host and scheme only when trustProxy is set', async () => {
    const origin = 'https://crm.example.com';
    const trusted = await createCustomer(proxied, 'PX-1', { cookie: proxiedCookie, origin, ...forwarded });
    expect(trusted.status).toBe(200);
    // The same request to a node that does not trust a proxy: the forwarded headers are ignored.
    const untrusted = await createCustomer(t, 'PX-2', { cookie, origin, ...forwarded });
    expect(untrusted).toEqual(refused);
  });
});
