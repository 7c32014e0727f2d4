// Issue 11 item 8 (HTTP part): malformed requests get their own 4xx code, never a 500, never an error log.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, signedInCookie, startTestNode, type TestNode } from './harness.ts';

const web = mkdtempSync(join(tmpdir(), 'concord-bad-'));
let t: TestNode;
let cookie: string;

beforeAll(async () => {
  mkdirSync(web, { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>console</title>');
  t = await startTestNode('bad_requests', { webDir: web });
  cookie = await signedInCookie(t, 'admin@bad.test', 'admin');
});
afterAll(async () => {
  await t?.stop();
  rmSync(web, { recursive: true, force: true });
});

async function send(path: string, init: RequestInit = {}) {
  const res = await fetch(`${t.url}${path}`, init);
  const text = await res.text();
  return {
    status: res.status,
    code: text.startsWith('{') || text.startsWith('[') ? codeIn(text) : undefined,
  };
}

const signedIn = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  'x-concord-request': '1',
  cookie,
  ...extra,
});

describe('malformed requests', () => {
  it('answers malformed %-escapes and NUL in console paths with 400 BAD_INPUT', async () => {
    expect(await send('/%E0%A4%A')).toEqual({ status: 400, code: 'BAD_INPUT' });
    expect(await send('/customers/%')).toEqual({ status: 400, code: 'BAD_INPUT' });
    expect(await send('/%00')).toEqual({ status: 400, code: 'BAD_INPUT' });
  });

  it('treats a malformed session cookie as no session (401), not a crash', async () => {
    const bad = `concord_session_${t.port}=%E0%A4%A`;
    expect(await send('/trpc/auth.me', { headers: { cookie: bad } })).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
  });

  it("maps tRPC's own 405 and 415 to METHOD_NOT_ALLOWED and UNSUPPORTED_MEDIA_TYPE", async () => {
    const getMutation = await send('/trpc/customers.create', { headers: { cookie } });
    expect(getMutation).toEqual({ status: 405, code: 'METHOD_NOT_ALLOWED' });
    const postQuery = await send('/trpc/auth.me', { method: 'POST', headers: signedIn(), body: '{}' });
    expect(postQuery).toEqual({ status: 405, code: 'METHOD_NOT_ALLOWED' });
    const textPlain = await send('/trpc/customers.create', {
      method: 'POST',
      headers: signedIn({ 'content-type': 'text/plain' }),
      body: '{"externalId":"T-1"}',
    });
    expect(textPlain).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('answers broken JSON, invalid UTF-8 and absurd nesting with 400 BAD_INPUT', async () => {
    const post = (body: string | Buffer) =>
      send('/trpc/customers.create', { method: 'POST', headers: signedIn(), body });
    expect(await post('{"externalId":')).toEqual({ status: 400, code: 'BAD_INPUT' });
    expect(
      await send(`/trpc/customers.list?input=${encodeURIComponent('{"search":')}`, { headers: { cookie } }),
    ).toEqual({ status: 400, code: 'BAD_INPUT' });
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"externalId":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    expect(await post(invalidUtf8)).toEqual({ status: 400, code: 'BAD_INPUT' });
    // …while a mutation without input may be POSTed with no body at all.
    const noBody = await send('/trpc/auth.logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-concord-request': '1' },
    });
    expect(noBody.status).toBe(200);
    const deep = `{"externalId":"D-1","pad":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    expect(await post(deep)).toEqual({ status: 400, code: 'BAD_INPUT' });
  });

  it('refuses a NUL or a lone surrogate in any string field with 400 BAD_INPUT', async () => {
    const create = (lastName: string) =>
      send('/trpc/customers.create', {
        method: 'POST',
        headers: signedIn(),
        body: JSON.stringify({ externalId: `N-${lastName.length}`, lastName }),
      });
    expect(await create('Mü\u0000ller')).toEqual({ status: 400, code: 'BAD_INPUT' });
    expect(await create('Lone \uD800 surrogate')).toEqual({ status: 400, code: 'BAD_INPUT' });
    const search = encodeURIComponent(JSON.stringify({ search: 'ada\u0000@example.com' }));
    expect(await send(`/trpc/customers.list?input=${search}`, { headers: { cookie } })).toEqual({
      status: 400,
      code: 'BAD_INPUT',
    });
    // A well-formed pair (an emoji) is fine.
    expect((await create('Smile \uD83D\uDE00')).status).toBe(200);
  });

  it('wrote no error-level log line for any of it', () => {
    expect(t.log.lines.filter((l) => l.level >= 50)).toEqual([]);
  });
});
