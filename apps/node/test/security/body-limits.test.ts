// Issue 11 item 4: bodies are capped before parsing; a refused body is not read on; uploads have their own cap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_BODY_LIMIT } from '../../src/http/trpc-gate.ts';
import { codeIn, signedInCookie, startTestNode, streamPost, type TestNode } from './harness.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
/** Offered in floods; the server must stop reading long before (socket buffers hold a few MiB at most). */
const FLOOD = 96 * MiB;
const READ_BOUND = 16 * MiB;

let big: TestNode;
let small: TestNode;
let bigCookie: string;
let smallCookie: string;

beforeAll(async () => {
  [big, small] = await Promise.all([
    startTestNode('body_default'),
    startTestNode('body_small', { maxBodyBytes: 64 * KiB, maxUploadBytes: 64 * KiB }),
  ]);
  [bigCookie, smallCookie] = await Promise.all([
    signedInCookie(big, 'admin@big.test', 'admin'),
    signedInCookie(small, 'admin@small.test', 'admin'),
  ]);
  // Two nodes migrate their databases side by side: slow on a busy machine.
}, 180_000);
afterAll(async () => {
  await Promise.all([big?.stop(), small?.stop()]);
});

const JSON_HEADERS = { 'content-type': 'application/json', 'x-concord-request': '1' };

function errorLines(t: TestNode) {
  return t.log.lines.filter((l) => l.level >= 50);
}

/** A JSON body of exactly `size` bytes for customers.create (an unknown padding field, stripped by zod). */
function paddedCustomer(size: number): string {
  const head = '{"externalId":"PAD-1","firstName":"Ada","pad":"';
  return `${head}${'x'.repeat(size - head.length - 2)}"}`;
}

async function postJson(t: TestNode, path: string, body: string, cookie?: string) {
  const res = await fetch(`${t.url}/trpc/${path}`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...(cookie ? { cookie } : {}) },
    body,
  });
  return { status: res.status, code: codeIn(await res.text()) };
}

describe('JSON bodies (tRPC)', () => {
  it('refuses an anonymous 96 MiB login body with 413 and stops reading it', async () => {
    const reply = await streamPost(`${big.url}/trpc/auth.login`, JSON_HEADERS, { total: FLOOD });
    expect(reply.status).toBe(413);
    expect(codeIn(reply.body)).toBe('PAYLOAD_TOO_LARGE');
    expect(reply.headers.connection).toBe('close');
    expect(reply.sent).toBeLessThan(READ_BOUND);
    expect(errorLines(big)).toEqual([]);
  });

  it('refuses a declared Content-Length over the cap before reading a byte, signed in too', async () => {
    const headers = { ...JSON_HEADERS, cookie: bigCookie, 'content-length': String(200 * MiB) };
    const reply = await streamPost(`${big.url}/trpc/customers.create`, headers, { total: FLOOD });
    expect(reply.status).toBe(413);
    expect(codeIn(reply.body)).toBe('PAYLOAD_TOO_LARGE');
    expect(reply.sent).toBeLessThan(READ_BOUND);
  });

  it('gives anonymous callers 16 KiB and signed-in callers the configured cap', async () => {
    const body = paddedCustomer(ANONYMOUS_BODY_LIMIT + KiB);
    expect(await postJson(big, 'auth.login', body)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect((await postJson(big, 'customers.create', body, bigCookie)).status).toBe(200);
  });

  it('reads maxBodyBytes from the config: 100 KiB passes at the 1 MiB default, not at 64 KiB', async () => {
    const body = paddedCustomer(100 * KiB);
    expect((await postJson(big, 'customers.update', body, bigCookie)).status).not.toBe(413);
    expect(await postJson(small, 'customers.update', body, smallCookie)).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(errorLines(small)).toEqual([]);
  });

  it('refuses a chunked signed-in body as soon as it passes the cap', async () => {
    const headers = { ...JSON_HEADERS, cookie: smallCookie };
    const reply = await streamPost(`${small.url}/trpc/customers.create`, headers, { total: FLOOD });
    expect(reply.status).toBe(413);
    expect(reply.sent).toBeLessThan(READ_BOUND);
  });
});

describe('CSV uploads', () => {
  const HEADER = 'external_id,first_name,email\n';
  const ROWS = 'UP-1,Ada,ada@example.com\n';
  const csv = (t: TestNode, cookie: string) => ({
    url: `${t.url}/api/imports/customers?fileName=big.csv`,
    headers: { 'content-type': 'text/csv', 'x-concord-request': '1', cookie },
  });

  it('stops a streamed upload at maxUploadBytes with PAYLOAD_TOO_LARGE and reads no further', async () => {
    const { url, headers } = csv(small, smallCookie);
    const reply = await streamPost(url, headers, { total: FLOOD, first: HEADER, fill: ROWS, untilEnd: true });
    const last = JSON.parse(reply.body.trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ type: 'error', error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(reply.sent).toBeLessThan(READ_BOUND);
    expect(errorLines(small)).toEqual([]);
  });

  it('refuses a declared length over the upload cap with 413 before reading', async () => {
    const { url, headers } = csv(small, smallCookie);
    const reply = await streamPost(url, { ...headers, 'content-length': String(FLOOD) }, { total: FLOOD });
    expect(reply.status).toBe(413);
    expect(codeIn(reply.body)).toBe('PAYLOAD_TOO_LARGE');
    expect(reply.sent).toBeLessThan(READ_BOUND);
  });

  it('takes the same 200 KiB file under the default cap (the cap is the config, not a constant)', async () => {
    const { url, headers } = csv(big, bigCookie);
    const reply = await streamPost(url, headers, {
      total: 200 * KiB,
      first: HEADER,
      fill: ROWS,
      untilEnd: true,
    });
    const last = JSON.parse(reply.body.trim().split('\n').at(-1)!);
    expect(last.type).toBe('done');
  });

  it('answers an anonymous upload 401 without taking its body', async () => {
    const url = `${big.url}/api/imports/customers`;
    const reply = await streamPost(
      url,
      { 'content-type': 'text/csv' },
      { total: FLOOD, first: HEADER, fill: ROWS },
    );
    expect(reply.status).toBe(401);
    expect(codeIn(reply.body)).toBe('UNAUTHENTICATED');
    expect(reply.sent).toBeLessThan(READ_BOUND);
  });
});
