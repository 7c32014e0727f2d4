// Over real HTTP: login sets the cookie, the cookie and API tokens authenticate tRPC calls, logout ends it.
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/users.ts';
import { NodeConfig } from '../../src/env.ts';
import { type NodeService, startNode } from '../../src/server.ts';

let node: NodeService;
let databaseUrl: string | undefined;
beforeAll(async () => {
  databaseUrl = testServerUrl() ? await createTestDatabaseUrl('consent_http') : undefined;
  const config = NodeConfig.parse({
    name: 'Bank',
    industry: 'bank',
    port: 0,
    ...(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' }),
  });
  node = await startNode(config, { logger: silentLogger() });
  await createUser(
    { db: node.db },
    { email: 'dpo@bank.test', role: 'compliance', password: 'compliance password' },
  );
});
afterAll(async () => {
  await node.stop();
  if (databaseUrl) await dropTestDatabase(databaseUrl);
});

async function call(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await fetch(`${node.url}/trpc/${path}`, {
    method: init.method ?? 'GET',
    // Like the console: the custom header marks the request as same-site (CSRF rule).
    headers: { 'content-type': 'application/json', 'x-concord-request': '1', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('sessions over HTTP', () => {
  it('login → cookie → auth.me → logout', async () => {
    const anonymous = await call('auth.me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.data.concordCode).toBe('UNAUTHENTICATED');

    const login = await call('auth.login', {
      method: 'POST',
      body: { email: 'dpo@bank.test', password: 'compliance password' },
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie')!;
    // Named per port, so nodes side by side on one host (the local federation) keep separate sessions.
    const port = new URL(node.url).port;
    expect(setCookie).toMatch(
      new RegExp(
        `^concord_session_${port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200$`,
      ),
    );
    const cookie = setCookie.split(';')[0]!;

    const me = await call('auth.me', { headers: { cookie } });
    expect(me.body.result.data.user).toMatchObject({ email: 'dpo@bank.test', role: 'compliance' });
    const verify = await call('audit.verify', { method: 'POST', headers: { cookie } });
    expect(verify.body.result.data).toMatchObject({ ok: true });
    // Compliance may not manage users.
    const users = await call('users.list', { headers: { cookie } });
    expect(users.status).toBe(403);

    const out = await call('auth.logout', { method: 'POST', headers: { cookie } });
    expect(out.headers.get('set-cookie')).toBe(
      `concord_session_${port}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    );
    expect((await call('auth.me', { headers: { cookie } })).status).toBe(401);
  });

  it('rate-limits repeated failures from the same address', async () => {
    const bad = () =>
      call('auth.login', { method: 'POST', body: { email: 'dpo@bank.test', password: 'not the password' } });
    for (let i = 0; i < 5; i++) expect((await bad()).status).toBe(401);
    const limited = await bad();
    expect(limited.status).toBe(429);
    expect(limited.body.error.data.concordCode).toBe('RATE_LIMITED');
  });
});
