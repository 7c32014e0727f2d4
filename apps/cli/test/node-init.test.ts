// `concord node init`: writes a validated configuration file and a 0600 secret file; bad settings are listed one
// per line and nothing is written.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACME_RETAIL } from '@concord/node/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { concord } from './support/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'concord-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = concord;

describe('concord node init', () => {
  it('writes the file and a secret the file points to', async () => {
    const out = join(dir, 'ok', 'concord.node.json');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'ok'));
    const r = await run([
      'node',
      'init',
      '--name',
      ACME_RETAIL.name,
      '--industry',
      ACME_RETAIL.industry,
      '--region',
      ACME_RETAIL.defaultRegion,
      '--cleanroom-url',
      ACME_RETAIL.cleanroomUrl,
      '--listen',
      `${ACME_RETAIL.host}:${ACME_RETAIL.port}`,
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    // The same values the node's own loader test reads from a file (@concord/node/testing).
    expect(written).toEqual({
      ...ACME_RETAIL,
      nodeSecretFile: join(dir, 'ok', 'node.secret'),
      cleanroomCredentialFile: join(dir, 'ok', 'cleanroom.credential'),
    });
    expect(statSync(written.nodeSecretFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(written.nodeSecretFile, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
    expect((await run(['node', 'init', '--name', 'Again', '--out', out])).code).toBe(2);
  });

  it('lists every bad setting on its own line and writes nothing', async () => {
    const out = join(dir, 'bad.json');
    const r = await run([
      'node',
      'init',
      '--industry',
      'banking',
      '--region',
      'France',
      '--cleanroom-url',
      'nope',
      '--out',
      out,
    ]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.split(':')[1]?.trim()).sort()).toEqual([
      'cleanroomUrl',
      'defaultRegion',
      'industry',
    ]);
    expect(existsSync(out)).toBe(false);
  });
});

describe('--node by key', () => {
  it('finds a node pnpm start runs by key or company name in <data dir>/nodes.json', async () => {
    const { createServer } = await import('node:http');
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ result: { data: { needed: true } } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const data = join(dir, 'started');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(data);
    const nodes = { bank: { name: 'Northwind Bank', url: `http://127.0.0.1:${port}` } };
    writeFileSync(join(data, 'nodes.json'), JSON.stringify({ cleanroom: 'http://127.0.0.1:1', nodes }));
    try {
      const byKey = await run(['setup', 'status', '--node', 'bank'], { CONCORD_DATA_DIR: data });
      expect(byKey).toMatchObject({ code: 0, stdout: 'setup needed: the node has no users yet\n' });
      const byName = await run(['setup', 'status', '--node', 'northwind bank'], { CONCORD_DATA_DIR: data });
      expect(byName.code).toBe(0);
      expect(seen.filter((u) => u.startsWith('/trpc/setup.status'))).toHaveLength(2);
      const unknown = await run(['setup', 'status', '--node', 'dealer'], { CONCORD_DATA_DIR: data });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('pnpm start runs bank');
    } finally {
      server.close();
    }
  });
});
