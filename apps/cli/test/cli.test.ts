// The concord CLI against a stand-in node: help at every level, streaming upload with token and progress, errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUPS } from '../src/commands/index.ts';
import { dispatch } from '../src/framework.ts';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

async function run(argv: string[], env: Record<string, string> = {}) {
  const out = sink();
  const err = sink();
  const code = await dispatch(GROUPS, argv, { stdout: out.stream, stderr: err.stream, env });
  return { code, stdout: out.text(), stderr: err.text() };
}

interface Seen {
  url: string;
  auth: string | undefined;
  body: string;
}
const seen: Seen[] = [];
let server: Server;
const PAGED_ID = '22222222-2222-4222-8222-222222222222';
let url: string;

const SUMMARY = {
  id: '11111111-1111-4111-8111-111111111111',
  kind: 'customers',
  status: 'completed',
  rowsRead: 3,
  inserted: 2,
  updated: 0,
  unchanged: 0,
  failed: 1,
  lastCommittedLine: 4,
  error: null,
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization, body });
      if (req.url?.startsWith('/api/imports/')) {
        if (req.headers.authorization !== 'Bearer good') {
          res.writeHead(403, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              error: { code: 'FORBIDDEN', message: 'role marketer may not import Customer' },
            }),
          );
          return;
        }
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write(
          `${JSON.stringify({ type: 'started', import: { ...SUMMARY, status: 'running', rowsRead: 0 } })}\n`,
        );
        res.write(
          `${JSON.stringify({ type: 'progress', import: { ...SUMMARY, status: 'running', bytesRead: 10 } })}\n`,
        );
        res.end(`${JSON.stringify({ type: 'done', import: SUMMARY })}\n`);
        return;
      }
      if (req.url?.startsWith('/trpc/imports.errors') && req.url.includes(PAGED_ID)) {
        // 2,500 rejected rows on lines 2…2501, served by keyset pages like the node does.
        const input = JSON.parse(new URL(req.url, 'http://x').searchParams.get('input') ?? '{}');
        const lines = Array.from({ length: 2500 }, (_, i) => i + 2).filter((l) => l > input.afterLine);
        const page = lines.slice(0, input.limit).map((line) => ({ line, field: null, reason: 'bad row' }));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ result: { data: page } }));
        return;
      }
      if (req.url?.startsWith('/trpc/imports.errors')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            result: {
              data: [{ line: 3, field: 'email', reason: 'invalid email in column 3 (email_at_sign)' }],
            },
          }),
        );
        return;
      }
      if (req.url?.startsWith('/trpc/imports.get')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'no such import', data: { concordCode: 'NOT_FOUND' } } }));
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('help', () => {
  it('prints help at every level', async () => {
    const top = await run(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Usage: concord <group> <command>');
    expect(top.stdout).toMatch(/import +Import CSV files/);
    const group = await run(['import', '--help']);
    expect(group.stdout).toContain('interactions  Import service cases and contacts');
    for (const command of ['customers', 'purchases', 'interactions', 'status', 'errors']) {
      const help = await run(['import', command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: concord import ${command}`);
      expect(help.stdout).toContain('--node <URL>');
      expect(help.stdout).toContain('--token <TOKEN>');
    }
  });

  it('exits 2 on usage errors', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['nope'])).stderr).toContain('unknown group "nope"');
    expect((await run(['import', 'nope'])).stderr).toContain('unknown command "nope"');
    const missing = await run(['import', 'customers']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('expected 1 argument(s), got 0');
    const flag = await run(['import', 'customers', 'x.csv', '--bogus']);
    expect(flag.code).toBe(2);
    expect((await run(['import', 'customers', '/no/such/file.csv'])).stderr).toContain('no such file');
  });
});

describe('import upload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'concord-cli-'));
  const file = join(dir, 'customers.csv');
  const csv = 'external_id,email\nA1,a@example.com\nA2,bad\nA3,c@example.com\n';
  writeFileSync(file, csv);

  it('streams the file with the token, shows progress on stderr and the summary on stdout', async () => {
    const r = await run(['import', 'customers', file, '--node', url], { CONCORD_TOKEN: 'good' });
    // One row was rejected: the good rows landed, and the exit code says some did not (3).
    expect(r.code).toBe(3);
    const upload = seen.find((s) => s.url.startsWith('/api/imports/customers'))!;
    expect(upload.auth).toBe('Bearer good');
    expect(upload.body).toBe(csv);
    expect(upload.url).toBe('/api/imports/customers?fileName=customers.csv');
    expect(r.stderr).toContain('import customers 100% 3 rows committed');
    expect(r.stdout).toContain(`import ${SUMMARY.id} (customers): completed`);
    expect(r.stdout).toContain('  rejected    1');
    expect(r.stderr).toContain(`concord import errors ${SUMMARY.id}`);
  });

  it('passes --resume and prints JSON with --json', async () => {
    const r = await run([
      'import',
      'purchases',
      file,
      '--node',
      url,
      '--token',
      'good',
      '--resume',
      SUMMARY.id,
      '--json',
    ]);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toEqual(SUMMARY);
    expect(seen.at(-1)!.url).toBe(`/api/imports/purchases?fileName=customers.csv&importId=${SUMMARY.id}`);
  });

  it('reports a refusal from the node with its code and exits 1', async () => {
    const r = await run(['import', 'customers', file, '--node', url, '--token', 'bad']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('role marketer may not import Customer (FORBIDDEN)');
  });

  it('reports an unreachable node', async () => {
    const r = await run(['import', 'customers', file, '--node', 'http://127.0.0.1:1', '--token', 'good']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot reach node at http://127.0.0.1:1');
  });
});

describe('import status and errors', () => {
  it('pages through every rejected row to the end (not only the first 200)', async () => {
    const all = await run(['import', 'errors', PAGED_ID, '--node', url, '--token', 'good']);
    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split('\n');
    expect(lines).toHaveLength(2500);
    expect(lines.at(-1)).toBe('line 2501: bad row');
    expect(all.stderr).toBe('2500 rejected row(s)\n');
    const some = await run([
      'import',
      'errors',
      PAGED_ID,
      '--node',
      url,
      '--after-line',
      '10',
      '--limit',
      '5',
    ]);
    expect(some.stdout.trim().split('\n')).toEqual([11, 12, 13, 14, 15].map((l) => `line ${l}: bad row`));
  });

  it('lists rejected rows and surfaces NOT_FOUND', async () => {
    const errors = await run(['import', 'errors', SUMMARY.id, '--node', url, '--token', 'good']);
    expect(errors.code).toBe(0);
    expect(errors.stdout).toBe('line 3 [email]: invalid email in column 3 (email_at_sign)\n');
    expect(seen.at(-1)!.url).toContain('/trpc/imports.errors?input=');
    expect(seen.at(-1)!.auth).toBe('Bearer good');
    const status = await run(['import', 'status', SUMMARY.id, '--node', url]);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain('no such import (NOT_FOUND)');
  });
});
