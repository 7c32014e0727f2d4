// Runs `pnpm start` the way a user does (the launcher as a child process) and checks the federation it brings up.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

interface Run {
  child: ChildProcess;
  output: () => string;
  dataDir: string;
}

let current: Run | undefined;

function launch(args: string[], basePort: number): Run {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-fed-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'infra/local/federation.ts',
      '--data-dir',
      dataDir,
      '--base-port',
      String(basePort),
      ...args,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  current = { child, output: () => out, dataDir };
  return current;
}

// No deadline of its own: the launcher either prints the text or exits (vitest's test timeout is the only bound).
async function waitFor(run: Run, text: string): Promise<void> {
  for (;;) {
    if (run.output().includes(text)) return;
    if (run.child.exitCode !== null)
      throw new Error(`launcher exited ${run.child.exitCode}:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function health(port: number): Promise<{ ok: boolean; service: string; version: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return (await res.json()) as { ok: boolean; service: string; version: string };
}

async function stop(run: Run): Promise<number | null> {
  if (run.child.exitCode !== null) return run.child.exitCode;
  run.child.kill('SIGINT');
  return new Promise((r) => run.child.once('exit', (code) => r(code)));
}

afterEach(async () => {
  if (current) {
    await stop(current);
    rmSync(current.dataDir, { recursive: true, force: true });
    current = undefined;
  }
});

async function expectFourHealthy(base: number): Promise<void> {
  expect(await health(base)).toMatchObject({ ok: true, service: 'concord-cleanroom' });
  for (const offset of [101, 102, 103]) {
    expect(await health(base + offset)).toMatchObject({ ok: true, service: 'concord-node' });
  }
}

describe('pnpm start', () => {
  it('brings up the clean room and three nodes on PGlite, prints URLs, stops cleanly on Ctrl-C', async () => {
    const run = launch(['--no-seed', '--no-web'], 14000);
    await waitFor(run, 'Press Ctrl-C to stop');
    expect(run.output()).toContain('http://127.0.0.1:14000');
    expect(run.output()).toContain('http://127.0.0.1:14101');
    await expectFourHealthy(14000);
    expect(await stop(run)).toBe(0);
  });

  it.runIf(testServerUrl())('runs the same federation on a real Postgres server', async () => {
    const server = new URL(testServerUrl() ?? '');
    // The launcher names databases concord_<service>; tests give each service its own concord_test_* database instead.
    const names = ['cleanroom', 'bank', 'insurer', 'dealer'];
    const dbs = await Promise.all(names.map((n) => createTestDatabaseUrl(`fed_${n}`)));
    const env = Object.fromEntries(names.map((n, i) => [`CONCORD_${n.toUpperCase()}_DATABASE_URL`, dbs[i]]));
    Object.assign(process.env, env);
    try {
      const run = launch(['--no-seed', '--no-web', '--postgres', server.toString()], 15000);
      await waitFor(run, 'Press Ctrl-C to stop');
      expect(run.output()).toContain(`Postgres at ${server.host}`);
      await expectFourHealthy(15000);
      expect(await stop(run)).toBe(0);
    } finally {
      for (const n of names) delete process.env[`CONCORD_${n.toUpperCase()}_DATABASE_URL`];
      await Promise.all(dbs.map((d) => dropTestDatabase(d)));
    }
  });

  it('refuses a port that is already taken with one clear line', async () => {
    const blocker = await import('node:http').then((http) => http.createServer().listen(16000, '127.0.0.1'));
    try {
      const run = launch(['--no-seed', '--no-web'], 16000);
      const code = await new Promise((r) => run.child.once('exit', r));
      expect(code).toBe(1);
      expect(run.output()).toMatch(
        /concord start: cleanroom exited \(1\): concord-cleanroom: port 16000 is already in use/,
      );
    } finally {
      blocker.close();
    }
  });
});
