// Issue 11 item 10: an import whose node is killed mid-way (SIGKILL of a real node process) is marked
// `interrupted` at the next startup instead of staying `running` forever; resuming it is still exact.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../src/crm/import/import-csv.ts';
import { getImport } from '../../src/crm/import/jobs.ts';
import { NodeConfig } from '../../src/env.ts';
import { startNode } from '../../src/server.ts';
import { userWithToken } from '../user-with-token.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const ROWS = 12_000;
let dir: string;
let databaseUrl: string | undefined;
let token: string;

const csv = (() => {
  const lines = ['external_id,first_name,last_name,country'];
  for (let i = 1; i <= ROWS; i++) lines.push(`K${i},Name${i},Family${i % 97},${['DE', 'FR', 'GB'][i % 3]}`);
  return `${lines.join('\n')}\n`;
})();

function config() {
  return NodeConfig.parse({
    name: 'Killed',
    industry: 'bank',
    port: 0,
    logLevel: 'silent',
    ...(databaseUrl ? { databaseUrl } : { dataDir: join(dir, 'node') }),
  });
}

async function spawnNode(): Promise<{ child: ChildProcess; url: string }> {
  const args = ['--import', 'tsx', MAIN, '--port', '0', '--log-level', 'info'];
  args.push(...(databaseUrl ? ['--database-url', databaseUrl] : ['--data-dir', join(dir, 'node')]));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`node exited (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { url?: string; msg?: string };
        if (entry.url && /listening/.test(entry.msg ?? '')) resolve(entry.url);
      } catch {
        // not a log line
      }
    });
  });
  return { child, url };
}

async function* once(b: Buffer) {
  yield b;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'concord-killed-'));
  databaseUrl = testServerUrl() ? await createTestDatabaseUrl('import_killed') : undefined;
  const node = await startNode(config(), { logger: silentLogger() });
  const admin = { email: 'admin@killed.test', role: 'admin', password: 'killed password 1' } as const;
  token = (await userWithToken(node.db, { ...admin, tokenName: 'kill' })).token;
  await node.stop();
}, 60_000);

afterAll(async () => {
  if (databaseUrl) await dropTestDatabase(databaseUrl);
  rmSync(dir, { recursive: true, force: true });
});

describe('an import killed mid-way', () => {
  it('is interrupted after the restart, keeps its committed rows, and resumes exactly', async () => {
    const { child, url } = await spawnNode();
    // Send the first half of the file and keep the upload open, as a long upload would be.
    const half = csv.slice(0, csv.indexOf('\nK7000,') + 1);
    let release: () => void = () => {};
    const hold = new Promise<void>((r) => (release = r));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode(half));
        await hold;
        controller.close();
      },
    });
    const res = await fetch(`${url}/api/imports/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    // Wait until the node has committed a batch (its progress lines arrive while the upload is still open).
    const reader = res.body!.getReader();
    let importId = '';
    let seen = '';
    while (!/"lastCommittedLine":[1-9]/.test(seen)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`import ended early: ${seen}`);
      seen += new TextDecoder().decode(value);
      importId ||= /"id":"([0-9a-f-]{36})"/.exec(seen)?.[1] ?? '';
    }
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    release();
    await reader.cancel().catch(() => {});

    const node = await startNode(config(), { logger: silentLogger() });
    try {
      const after = await getImport(node.db, importId);
      expect(after.status).toBe('interrupted');
      expect(after.finishedAt).not.toBeNull();
      expect(after.lastCommittedLine).toBeGreaterThan(1);
      expect(after.inserted).toBe(after.lastCommittedLine - 1);
      const resumed = await importCsv(
        { db: node.db, now: () => new Date() },
        { kind: 'customers', source: once(Buffer.from(csv)), importId },
      );
      expect(resumed).toMatchObject({
        id: importId,
        status: 'completed',
        rowsRead: ROWS,
        inserted: ROWS,
        updated: 0,
        failed: 0,
        lastCommittedLine: ROWS + 1,
      });
    } finally {
      await node.stop();
    }
  }, 120_000);
});
