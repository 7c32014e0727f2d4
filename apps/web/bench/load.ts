// Cold console load: navigation start → app interactive, in fresh Chromium contexts (empty cache) against a node.
// Usage: pnpm --filter @concord/web bench:load [--runs 10] [--url http://127.0.0.1:4102 --email … --password …] [--json]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../test/harness/browser.ts';
import { startConsoleNode } from '../test/harness/node.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    url: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

const runs = Number(values.runs);
const web = resolve(import.meta.dirname, '..');
if (!values['no-build'] && !values.url) {
  execFileSync(resolve(web, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], {
    cwd: web,
    stdio: 'inherit',
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
const local = values.url
  ? undefined
  : await startConsoleNode({ name: 'Bench node', industry: 'insurance', dataDir });
const baseUrl = values.url ?? local!.url;
const email = values.email ?? local!.users.marketer.email;
const password = values.password ?? local!.password;

const browser = await launchBrowser();

/** ms from navigation start to the console's own "interactive" mark (login form or first screen with data). */
async function coldLoad(signedIn: boolean): Promise<number> {
  const context = await browser.newContext({ baseURL: baseUrl });
  try {
    if (signedIn) {
      // Sign in through the API so the measured load starts with a session cookie but an empty HTTP cache.
      // With the console's header, like the console itself (the node refuses cross-site sign-ins).
      const res = await context.request.post('/trpc/auth.login', {
        data: { email, password },
        headers: { 'x-concord-request': '1' },
      });
      if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
    }
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForFunction(() => performance.getEntriesByName('concord:interactive').length > 0, null, {
      timeout: 30_000,
    });
    return page.evaluate(() => performance.getEntriesByName('concord:interactive')[0]!.startTime);
  } finally {
    await context.close();
  }
}

function summary(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: Math.round(at(0.5)), p90: Math.round(at(0.9)), max: Math.round(s[s.length - 1]!) };
}

try {
  await coldLoad(false); // warm the node's own file cache once; the browser side stays cold every run
  const login: number[] = [];
  const app: number[] = [];
  for (let i = 0; i < runs; i++) {
    login.push(await coldLoad(false));
    app.push(await coldLoad(true));
  }
  const result = {
    bench: 'console-cold-load',
    runs,
    loginScreenMs: summary(login),
    signedInMs: summary(app),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    process.stdout.write(
      `console cold load over ${runs} fresh contexts against ${baseUrl}\n` +
        `  login screen interactive: median ${result.loginScreenMs.median} ms, p90 ${result.loginScreenMs.p90} ms, max ${result.loginScreenMs.max} ms\n` +
        `  signed-in first screen:   median ${result.signedInMs.median} ms, p90 ${result.signedInMs.p90} ms, max ${result.signedInMs.max} ms\n`,
    );
  }
} finally {
  await browser.close();
  await local?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
