// `concord audit verify|export`, `concord import consents FILE`, `concord users token|unlock|reset-password`
// against a stand-in node.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

let server: Server;
let url: string;
let broken = false;
const seen: Array<{ method: string; url: string; auth?: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body });
      const json = (data: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ result: { data } }));
      };
      if (req.url === '/trpc/audit.verify') {
        return json(
          broken
            ? { ok: false, events: 41, head: null, firstBroken: { seq: 42, reason: 'hash_mismatch' } }
            : { ok: true, events: 100, head: 'ab'.repeat(32), firstBroken: null },
        );
      }
      if (req.url === '/trpc/audit.export') {
        const { fromSeq } = JSON.parse(body) as { fromSeq: number };
        return json({
          format: 'concord-audit-export/v1',
          fromSeq,
          toSeq: fromSeq + 1,
          prevHash: '00'.repeat(32),
          head: 'cd'.repeat(32),
          events: [{ seq: fromSeq }, { seq: fromSeq + 1 }],
          recordedAs: { seq: fromSeq + 2, hash: 'ef'.repeat(32) },
        });
      }
      if (req.url === '/trpc/users.createToken') return json({ token: 'cct_secret', view: { id: 't-1' } });
      if (req.url === '/trpc/users.unlock' || req.url === '/trpc/users.update')
        return json({ id: JSON.parse(body).id, email: 'mia@bank.test', role: 'marketer', disabled: false });
      if (req.url === '/trpc/privacy.requests.import') {
        return json({
          rowsRead: 1,
          created: 0,
          failed: 1,
          errors: [{ line: 2, field: 'reference', reason: 'an erasure needs a reference' }],
          error: null,
        });
      }
      if (req.url === '/trpc/privacy.requests.carryOut') {
        return json({
          id: JSON.parse(body).id,
          status: 'completed',
          completedAt: '2026-03-02T10:00:00.000Z',
        });
      }
      if (req.url?.startsWith('/trpc/audit.list')) {
        // 1,234 events, newest first; the node answers at most 500 per call.
        const input = JSON.parse(
          decodeURIComponent(new URL(req.url, 'http://x').searchParams.get('input') ?? '{}'),
        );
        const total = 1234;
        const take = Math.min(input.limit, 500, Math.max(0, total - input.offset));
        const items = Array.from({ length: take }, (_, i) => ({
          seq: total - input.offset - i,
          at: '2026-03-01T00:00:00.000Z',
          actor: 'mia@bank.test',
          action: 'consent.withdraw',
          subjectType: 'Consent',
          subjectId: null,
        }));
        return json({ items, total, offset: input.offset, limit: input.limit });
      }
      if (req.url?.startsWith('/trpc/privacy.requests.list')) {
        return json([
          {
            id: 'r-9',
            kind: 'erasure',
            customerExternalId: 'c-9',
            channel: 'letter',
            reference: 'LTR-1',
            deadline: '2026-03-01T00:00:00.000Z',
            overdue: true,
            status: 'open',
          },
        ]);
      }
      if (req.url?.startsWith('/api/imports/consents')) {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write(
          `${JSON.stringify({ type: 'progress', import: { rowsRead: 2, recorded: 1, failed: 1 } })}\n`,
        );
        res.end(
          `${JSON.stringify({
            type: 'done',
            import: {
              rowsRead: 2,
              recorded: 1,
              failed: 1,
              error: null,
              withdrawalsQueued: 0,
              errors: [{ line: 3, field: 'purpose', reason: 'purpose: unknown purpose' }],
            },
          })}\n`,
        );
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

async function run(argv: string[], env: Record<string, string> = {}) {
  const out = sink();
  const err = sink();
  const code = await dispatch(GROUPS, [...argv, '--node', url, '--token', 'cct_t'], {
    stdout: out.stream,
    stderr: err.stream,
    env,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('consent, audit and users commands', () => {
  it('audit verify exits 0 on an intact chain and 1 naming the first broken event', async () => {
    broken = false;
    expect(await run(['audit', 'verify'])).toMatchObject({
      code: 0,
      stdout: `audit chain intact: 100 events, head ${'ab'.repeat(32)}\n`,
    });
    broken = true;
    const r = await run(['audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'audit chain BROKEN at event 42: its content does not match its hash: the event was edited (41 events verified before it)\n',
    );
    expect(seen.at(-1)).toMatchObject({ method: 'POST', auth: 'Bearer cct_t' });
  });

  it('audit list pages to the end with --all and says when it shows only part', async () => {
    const all = await run(['audit', 'list', '--all']);
    expect(all.code).toBe(0);
    const seqs = all.stdout
      .trim()
      .split('\n')
      .map((l) => Number(l.trim().split(/\s+/)[0]));
    expect(seqs).toEqual(Array.from({ length: 1234 }, (_, i) => 1234 - i));
    expect(all.stderr).toBe('');
    const some = await run(['audit', 'list', '--limit', '3']);
    expect(some.stdout.trim().split('\n')).toHaveLength(3);
    expect(some.stderr).toBe('showing 3 of 1234 events; --all prints every one\n');
  });

  it('import consents FILE streams the file and lists each bad row with its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-cli-'));
    const file = join(dir, 'consents.csv');
    const csv =
      'customer_external_id,purpose,state,captured_at\nc-1,marketing.referral,withdrawn,2026-03-01\nc-2,x,given,2026-03-01\n';
    writeFileSync(file, csv);
    const r = await run(['import', 'consents', file]);
    // One row was rejected: exit 3 (docs/import.md), the good row is recorded.
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('  recorded             1\n');
    expect(r.stdout).toContain('line 3 [purpose]: purpose: unknown purpose\n');
    expect(seen.at(-1)).toMatchObject({ url: '/api/imports/consents?fileName=consents.csv', body: csv });
    // The same command under its own group.
    expect((await run(['consents', 'import', file])).code).toBe(3);
  });

  it('audit export writes the bundle to a file and names its head and the recording event', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'concord-cli-')), 'audit.json');
    const r = await run(['audit', 'export', '--from', '5', '--limit', '2', '--out', file]);
    expect(r).toMatchObject({
      code: 0,
      stdout: '',
      stderr: `exported events 5..6 (2), head ${'cd'.repeat(32)}, recorded as event 7\n`,
    });
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ fromSeq: 5, limit: 2 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ head: 'cd'.repeat(32), fromSeq: 5 });
    expect((await run(['audit', 'export', '--from', '0'])).code).not.toBe(0);
  });

  it('users token issues a token for the caller and prints the secret alone on stdout', async () => {
    const r = await run(['users', 'token', 'laptop']);
    expect(r).toMatchObject({ code: 0, stdout: 'cct_secret\n' });
    // No user id: a token is always the caller's own.
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ name: 'laptop' });
  });

  it('users unlock and users reset-password call the admin procedures (password from the environment)', async () => {
    const id = '00000000-0000-4000-8000-000000000002';
    expect(await run(['users', 'unlock', id])).toMatchObject({
      code: 0,
      stdout: 'mia@bank.test can sign in again\n',
    });
    expect(seen.at(-1)).toMatchObject({ url: '/trpc/users.unlock', auth: 'Bearer cct_t' });
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ id });
    expect((await run(['users', 'reset-password', id])).code).not.toBe(0);
    const reset = await run(['users', 'reset-password', id], { CONCORD_NEW_PASSWORD: 'orange kite harbour' });
    expect(reset).toMatchObject({ code: 0, stdout: 'new password set for mia@bank.test\n' });
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ id, password: 'orange kite harbour' });
  });
});

describe('privacy commands', () => {
  it('privacy import sends the file and lists each rejected row with its line; exit 3 when any row failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-cli-'));
    const file = join(dir, 'requests.csv');
    const csv = 'kind,customer_external_id,channel,received_at\nerasure,c-1,letter,2026-03-01\n';
    writeFileSync(file, csv);
    const r = await run(['privacy', 'import', file]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe(
      `requests from ${file}: 1 rows, 0 logged, 1 rejected\nline 2 [reference]: an erasure needs a reference\n`,
    );
    expect(seen.at(-1)).toMatchObject({ url: '/trpc/privacy.requests.import' });
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ csv });
  });

  it('privacy carry-out takes many ids and reports each', async () => {
    const r = await run(['privacy', 'carry-out', 'r-1', 'r-2']);
    expect(r).toMatchObject({
      code: 0,
      stdout: 'r-1  completed at 2026-03-02T10:00:00.000Z\nr-2  completed at 2026-03-02T10:00:00.000Z\n',
    });
    expect(seen.slice(-2).map((s) => JSON.parse(s.body).id)).toEqual(['r-1', 'r-2']);
  });

  it('privacy queue passes the filters and marks overdue requests', async () => {
    const r = await run([
      'privacy',
      'queue',
      '--status',
      'open,waiting_propagation',
      '--kind',
      'erasure',
      '--overdue',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2026-03-01 OVERDUE  erasure');
    const input = JSON.parse(decodeURIComponent(seen.at(-1)!.url.split('input=')[1]!));
    expect(input).toEqual({
      limit: 1000,
      status: ['open', 'waiting_propagation'],
      kind: ['erasure'],
      overdue: true,
    });
  });
});
