// Login flood benchmark: a real node in its own process, 50 clients signing in as fast as they can (correct
// passwords, production scrypt), and /healthz probed throughout: p50/p99/max latency, logins/s, refusals/s.
// Clients come from distinct addresses (X-Forwarded-For, the node trusts it here) so every attempt passes the
// per-source budget and reaches the hashing cap: the worst case for the event loop.
// Usage: pnpm bench:login [--clients 50] [--seconds 15] [--login-concurrency 2] [--one-source] [--json]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, migrateToLatest } from '@concord/db';
import { createUser } from '../src/auth/users.ts';
import type { Database } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '15' },
    users: { type: 'string', default: '10' },
    'login-concurrency': { type: 'string', default: '2' },
    /** Every client from one address: shows the per-source budget refusing the flood cheaply. */
    'one-source': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const log = (...args: unknown[]) => {
  if (!values.json) console.log(...args);
};
const PASSWORD = 'bench login passphrase';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function prepare(dataDir: string): Promise<string[]> {
  // Production hashing parameters: the bench measures what a real node pays per login.
  delete process.env.NODE_ENV;
  const handle = await createDatabase<Database>({ dataDir });
  await migrateToLatest(handle.db, migrations);
  const emails = Array.from({ length: Number(values.users) }, (_, i) => `user${i}@bench.test`);
  for (const email of emails)
    await createUser({ db: handle.db }, { email, role: 'marketer', password: PASSWORD });
  await handle.close();
  return emails;
}

function startNode(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const main = resolve(import.meta.dirname, '../src/main.ts');
  const args = [main, '--port', '0', '--data-dir', dataDir, '--trust-proxy', 'true'];
  args.push('--login-concurrency', String(values['login-concurrency']), '--name', 'Bench');
  const env = { ...process.env, NODE_ENV: 'production', CONCORD_FAST_PASSWORD_HASH: '' };
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveUrl, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = buffer.match(/"url":"(http:\/\/[^"]+)"/);
      if (match?.[1]) resolveUrl({ url: match[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`node exited with ${code}`)));
  });
}

async function probe(url: string, until: number): Promise<number[]> {
  const latencies: number[] = [];
  while (performance.now() < until) {
    const t0 = performance.now();
    await (await fetch(`${url}/healthz`)).arrayBuffer();
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  return latencies.sort((a, b) => a - b);
}

async function flood(url: string, emails: string[], until: number, clients = Number(values.clients)) {
  const counts = { ok: 0, refused: 0, other: 0 };
  let source = 0;
  const client = async (i: number) => {
    while (performance.now() < until) {
      source += 1;
      const ip = values['one-source']
        ? '10.9.9.9'
        : `10.${(source >> 16) & 255}.${(source >> 8) & 255}.${source & 255}`;
      const res = await fetch(`${url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-concord-request': '1', 'x-forwarded-for': ip },
        body: JSON.stringify({ email: emails[(i + source) % emails.length], password: PASSWORD }),
      });
      await res.arrayBuffer();
      if (res.status === 200) counts.ok += 1;
      else if (res.status === 429) counts.refused += 1;
      else counts.other += 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  return counts;
}

const dir = mkdtempSync(join(tmpdir(), 'concord-bench-login-'));
try {
  log(`preparing ${values.users} users (production scrypt)…`);
  const emails = await prepare(join(dir, 'db'));
  const node = await startNode(join(dir, 'db'));
  try {
    // Warm up (module loading, first queries, the dummy hash) so the idle figure is the steady state.
    await flood(node.url, emails, performance.now() + 1000, 2);
    const idle = await probe(node.url, performance.now() + 3000);
    log(
      `idle /healthz: p50 ${percentile(idle, 50).toFixed(1)} ms, p99 ${percentile(idle, 99).toFixed(1)} ms`,
    );
    log(`flood: ${clients} clients for ${seconds} s${values['one-source'] ? ' from one address' : ''}…`);
    const until = performance.now() + seconds * 1000;
    const [health, counts] = await Promise.all([probe(node.url, until), flood(node.url, emails, until)]);
    const result = {
      clients,
      seconds,
      loginConcurrency: Number(values['login-concurrency']),
      oneSource: values['one-source'],
      healthzP50Ms: Number(percentile(health, 50).toFixed(1)),
      healthzP99Ms: Number(percentile(health, 99).toFixed(1)),
      healthzMaxMs: Number((health.at(-1) ?? Number.NaN).toFixed(1)),
      healthzSamples: health.length,
      loginsPerSecond: Number((counts.ok / seconds).toFixed(1)),
      refusedPerSecond: Number((counts.refused / seconds).toFixed(1)),
      otherErrors: counts.other,
      idleHealthzP99Ms: Number(percentile(idle, 99).toFixed(1)),
    };
    log(
      `/healthz under flood: p50 ${result.healthzP50Ms} ms, p99 ${result.healthzP99Ms} ms, max ${result.healthzMaxMs} ms (${health.length} probes)`,
    );
    log(
      `logins: ${result.loginsPerSecond}/s ok, ${result.refusedPerSecond}/s refused (429), ${counts.other} other`,
    );
    if (values.json) console.log(JSON.stringify({ bench: 'login', ...result }));
    node.stop();
  } catch (error) {
    node.stop();
    throw error;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
