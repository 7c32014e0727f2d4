// Runs `pnpm start` the way a user does (the launcher as a child process) and checks the federation it brings up.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Waits for the launcher to print `text`, however long a loaded machine takes; fails only if it exits first. */
async function waitFor(run: Run, text: string): Promise<void> {
  for (;;) {
    if (run.output().includes(text)) return;
    if (run.child.exitCode !== null)
      throw new Error(`launcher exited ${run.child.exitCode}:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits for the launcher to exit and returns its exit code. */
function exitOf(run: Run): Promise<number | null> {
  if (run.child.exitCode !== null) return Promise.resolve(run.child.exitCode);
  return new Promise((r) => run.child.once('exit', r));
}

async function health(port: number): Promise<Record<string, unknown>> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return (await res.json()) as Record<string, unknown>;
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
    // Empty nodes: each one's one-time setup link is on the terminal, and its code is not in the log file.
    for (const port of [14101, 14102, 14103]) {
      expect(run.output()).toMatch(new RegExp(`http://127\\.0\\.0\\.1:${port}/setup\\?code=[A-Z2-9-]{23}`));
    }
    const code = run.output().match(/14101\/setup\?code=([A-Z2-9-]+)/)?.[1] ?? 'none';
    expect(readFileSync(join(run.dataDir, 'logs', 'bank.log'), 'utf8')).not.toContain(code);
    // The CLI's targets: node URLs by key.
    const targets = JSON.parse(readFileSync(join(run.dataDir, 'nodes.json'), 'utf8'));
    expect(targets.nodes.bank).toEqual({ name: 'Northwind Bank', url: 'http://127.0.0.1:14101' });
    expect(await stop(run)).toBe(0);
  });

  it('runs the partners of a federation file (name, industry, region, port)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'concord-fedfile-')), 'federation.json');
    const partners = [
      { key: 'shop', name: 'Corner Shop', industry: 'retail', region: 'FR', port: 4201 },
      { key: 'telco', name: 'Blue Telecom', industry: 'telecom', region: 'NL', port: 4202 },
    ];
    writeFileSync(file, JSON.stringify({ cleanroom: { port: 4000 }, partners }));
    const run = launch(['--no-seed', '--no-web', '--federation', file], 18000);
    await waitFor(run, 'Press Ctrl-C to stop');
    expect(await health(18000)).toMatchObject({ ok: true, service: 'concord-cleanroom' });
    expect(await health(18201)).toMatchObject({ ok: true, name: 'Corner Shop', industry: 'retail' });
    expect(await health(18202)).toMatchObject({ ok: true, name: 'Blue Telecom', industry: 'telecom' });
    const written = JSON.parse(readFileSync(join(run.dataDir, 'telco.node.json'), 'utf8'));
    expect(written).toMatchObject({ defaultRegion: 'NL', port: 18202, industry: 'telecom' });
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
      expect(await exitOf(run)).toBe(1);
      expect(run.output()).toMatch(
        /concord start: cleanroom exited \(1\): concord-cleanroom: port 16000 is already in use/,
      );
    } finally {
      blocker.close();
    }
  });
});

describe('pnpm start explains what it cannot do', () => {
  it('refuses a port on the bad-ports list before starting anything (the clean room would be healthy)', async () => {
    const run = launch(['--no-seed', '--no-web'], 6000);
    expect(await exitOf(run)).toBe(1);
    expect(run.output()).toContain(
      'concord start: port 6000 is on the Fetch standard\'s "bad ports" list: Node\'s HTTP client and every browser refuse to connect to it',
    );
    expect(run.output()).not.toContain('did not become healthy');
  });

  it('reports every problem of a federation file on its own line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'concord-fedfile-')), 'federation.json');
    writeFileSync(
      file,
      JSON.stringify({
        partners: [
          { key: 'Shop', name: 'Shop', industry: 'retail', region: 'DE', port: 4201 },
          { key: 'telco', name: 'Telco', industry: 'phones', region: 'de', port: 4201 },
        ],
      }),
    );
    const run = launch(['--no-seed', '--no-web', '--federation', file], 17000);
    expect(await exitOf(run)).toBe(2);
    const lines = run.output().trim().split('\n');
    expect(lines.filter((l) => l.startsWith(`concord start: federation file ${file}: `))).toHaveLength(3);
    expect(run.output()).toContain('partners.0.key');
    expect(run.output()).toContain('partners.1.industry');
    expect(run.output()).toContain('partners.1.region');
    // Once every entry is well-formed, the file as a whole is checked too.
    writeFileSync(
      file,
      JSON.stringify({
        partners: [
          { key: 'shop', name: 'Shop', industry: 'retail', region: 'DE', port: 4201 },
          { key: 'telco', name: 'Telco', industry: 'telecom', region: 'DE', port: 4201 },
        ],
      }),
    );
    const again = launch(['--no-seed', '--no-web', '--federation', file], 17000);
    expect(await exitOf(again)).toBe(2);
    expect(again.output()).toContain(
      `concord start: federation file ${file}: partners: partner ports must be unique`,
    );
  });
});
