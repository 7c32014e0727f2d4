// The typed client: bearer and idempotency headers, tRPC wire shape, zod-checked outputs, server codes as ConcordError.
import { describe, expect, it } from 'vitest';
import { createCleanroomClient, createOperatorClient } from '../src/client.ts';
import { ConcordError } from '../src/errors.ts';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function fakeFetch(respond: (seen: Seen) => { status: number; body: unknown }) {
  const calls: Seen[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    const seen: Seen = {
      url: String(url),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>)),
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    calls.push(seen);
    const r = respond(seen);
    return new Response(JSON.stringify(r.body), { status: r.status });
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

const partner = {
  id: '7d0f6c1e-0a51-4f27-9d59-7d7a1b9c2e10',
  name: 'Acme',
  industry: 'retail',
  publicKey: 'A'.repeat(43),
  status: 'active',
  createdAt: '2026-11-22T10:00:00.000Z',
};

describe('createCleanroomClient', () => {
  it('sends queries as GET with the bearer and validates the output', async () => {
    const f = fakeFetch(() => ({ status: 200, body: { result: { data: { partner } } } }));
    const c = createCleanroomClient({ baseUrl: 'http://cr/', credential: 'ccp_secret', fetch: f.fetch });
    expect((await c.whoami()).partner.name).toBe('Acme');
    expect(f.calls[0]).toMatchObject({ method: 'GET', headers: { authorization: 'Bearer ccp_secret' } });
    expect(f.calls[0]!.url.startsWith('http://cr/trpc/partners.whoami?input=')).toBe(true);
    expect(f.calls[0]!.headers['idempotency-key']).toBeUndefined();
  });

  it('sends mutations as POST with an Idempotency-Key (given or generated)', async () => {
    const f = fakeFetch(() => ({
      status: 200,
      body: { result: { data: { versionId: partner.id, status: 'aborted' } } },
    }));
    const c = createCleanroomClient({ baseUrl: 'http://cr', credential: 'k', fetch: f.fetch });
    await c.abortPublication({ versionId: partner.id }, { idempotencyKey: 'abort-0001' });
    await c.abortPublication({ versionId: partner.id });
    expect(f.calls[0]).toMatchObject({ method: 'POST', headers: { 'idempotency-key': 'abort-0001' } });
    expect(JSON.parse(f.calls[0]!.body!)).toEqual({ versionId: partner.id });
    expect(f.calls[1]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("throws ConcordError with the server's code and details", async () => {
    const f = fakeFetch(() => ({
      status: 422,
      body: {
        error: { message: 'too small', data: { concordCode: 'BELOW_THRESHOLD', details: { kMin: 50 } } },
      },
    }));
    const c = createCleanroomClient({ baseUrl: 'http://cr', credential: 'k', fetch: f.fetch });
    const err = await c.whoami().catch((e) => e);
    expect(err).toBeInstanceOf(ConcordError);
    expect(err).toMatchObject({ code: 'BELOW_THRESHOLD', message: 'too small', details: { kMin: 50 } });
  });

  it('refuses a response that breaks the contract, and bad input before sending', async () => {
    const f = fakeFetch(() => ({ status: 200, body: { result: { data: { partner: { id: 'x' } } } } }));
    const c = createCleanroomClient({ baseUrl: 'http://cr', credential: 'k', fetch: f.fetch });
    expect((await c.whoami().catch((e) => e)).code).toBe('INTERNAL');
    expect((await c.getCollaboration({ collaborationId: 'not-a-uuid' }).catch((e) => e)).code).toBe(
      'BAD_INPUT',
    );
    expect(f.calls).toHaveLength(1);
  });

  it('retries 503 with the same idempotency key, then succeeds', async () => {
    let n = 0;
    const f = fakeFetch(() =>
      n++ === 0 ? { status: 503, body: null } : { status: 200, body: { result: { data: { partner } } } },
    );
    const c = createOperatorClient({ baseUrl: 'http://cr', operatorToken: 'op', fetch: f.fetch });
    const out = await c.setPartnerStatus({ partnerId: partner.id, status: 'active' });
    expect(out.partner.id).toBe(partner.id);
    expect(f.calls).toHaveLength(2);
    expect(f.calls[0]!.headers['idempotency-key']).toBe(f.calls[1]!.headers['idempotency-key']);
    expect(f.calls[0]!.headers.authorization).toBe('Bearer op');
  });
});
