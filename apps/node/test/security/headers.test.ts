// Issue 11 item 9: security headers on every response; Secure cookies over HTTPS, direct or via a trusted proxy.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/users.ts';
import { PASSWORD, startTestNode, type TestNode } from './harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'concord-headers-'));
const web = join(dir, 'web');
let plain: TestNode;
let proxied: TestNode;
let tls: TestNode;
let cert: Buffer;

beforeAll(async () => {
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(
    join(web, 'index.html'),
    '<!doctype html><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
  // A throwaway self-signed certificate for 127.0.0.1, made for this run only.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  cert = readFileSync(join(dir, 'cert.pem'));
  [plain, proxied, tls] = await Promise.all([
    startTestNode('hdr_plain', { webDir: web }),
    startTestNode('hdr_proxy', { trustProxy: true }),
    startTestNode('hdr_tls', { tlsCertFile: join(dir, 'cert.pem'), tlsKeyFile: join(dir, 'key.pem') }),
  ]);
  await Promise.all(
    [plain, proxied, tls].map((t) =>
      createUser({ db: t.node.db }, { email: 'admin@hdr.test', role: 'admin', password: PASSWORD }),
    ),
  );
  // Three nodes migrate their databases side by side: slow on a busy machine.
}, 240_000);
afterAll(async () => {
  await Promise.all([plain?.stop(), proxied?.stop(), tls?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

const LOGIN = JSON.stringify({ email: 'admin@hdr.test', password: PASSWORD });

function login(t: TestNode, headers: Record<string, string> = {}) {
  return fetch(`${t.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-concord-request': '1', ...headers },
    body: LOGIN,
  });
}

describe('security headers', () => {
  it('sends a strict CSP, no framing, nosniff and no referrer with the console and the API', async () => {
    for (const path of ['/', '/assets/app.js', '/customers/123', '/trpc/system.health', '/healthz']) {
      const res = await fetch(`${plain.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });
});

describe('Secure cookies', () => {
  it('plain HTTP: no Secure, and a spoofed X-Forwarded-Proto is ignored without trustProxy', async () => {
    const res = await login(plain, { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).not.toContain('Secure');
  });

  it('behind a trusted proxy: Secure when the proxy says https, not when it says http', async () => {
    const https = await login(proxied, { 'x-forwarded-proto': 'https' });
    expect(https.headers.get('set-cookie')).toMatch(/; Secure$/);
    const http = await login(proxied, { 'x-forwarded-proto': 'http' });
    expect(http.headers.get('set-cookie')).not.toContain('Secure');
  });

  it('TLS on the node itself: Secure cookie and HSTS', async () => {
    expect(tls.url.startsWith('https://')).toBe(true);
    const reply = await new Promise<{ status: number; headers: Record<string, unknown> }>(
      (resolve, reject) => {
        const req = httpsRequest(`${tls.url}/trpc/auth.login`, {
          method: 'POST',
          ca: cert,
          headers: { 'content-type': 'application/json', 'x-concord-request': '1' },
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
        });
        req.on('error', reject);
        req.end(LOGIN);
      },
    );
    expect(reply.status).toBe(200);
    expect(String(reply.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    expect(reply.headers['strict-transport-security']).toBe('max-age=31536000');
  });
});
