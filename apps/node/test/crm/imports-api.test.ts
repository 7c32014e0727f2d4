// imports.* procedures and the HTTP upload route (POST /api/imports/:kind): auth, roles, NDJSON progress, resume.
import { request } from 'node:http';
import type { TestDatabase } from '@concord/db/testing';
import type { RunningService } from '@concord/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/api/context.ts';
import type { ImportEvent } from '../../src/api/imports/upload-route.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, openTestDb, startImportService, USERS } from './helpers.ts';

let tdb: TestDatabase<Database>;
let service: RunningService;

// The route authenticates through an injected function here; tokens map to the test users.
const TOKENS: Record<string, SessionUser> = {
  'admin-token': { ...USERS.admin },
  'marketer-token': { ...USERS.marketer },
};

beforeAll(async () => {
  tdb = await openTestDb('crm_imports_api');
  service = await startImportService(tdb.db, {
    batchSize: 2,
    authenticate: async (_db, headers) =>
      TOKENS[String(headers.authorization ?? '').replace(/^Bearer /, '')] ?? null,
  });
});
afterAll(async () => {
  await service.close();
  await tdb.destroy();
});

interface Reply {
  status: number;
  body: string;
}

function post(path: string, body: string, token?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const events = (r: Reply) =>
  r.body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ImportEvent);

const CSV =
  'external_id,first_name,email\nA1,Ada,ada@example.com\nA2,Alan,bad-email\nA3,Grace,grace@example.com\n';

describe('upload route', () => {
  let importId: string;

  it('streams NDJSON progress and a final summary', async () => {
    const reply = await post('/api/imports/customers?fileName=c.csv', CSV, 'admin-token');
    expect(reply.status).toBe(200);
    const ev = events(reply);
    expect(ev.map((e) => e.type)).toEqual(['started', 'progress', 'progress', 'done']);
    const done = ev.at(-1)!;
    if (done.type !== 'done') throw new Error('no summary');
    expect(done.import).toMatchObject({
      kind: 'customers',
      status: 'completed',
      fileName: 'c.csv',
      createdBy: USERS.admin.id,
      // A2's invalid email is a warning, not a rejection (issue 13): the customer lands, the value is flagged.
      inserted: 3,
      failed: 0,
      withWarnings: 1,
      lastCommittedLine: 4,
    });
    importId = done.import.id;
  });

  it('refuses anonymous callers, roles without import rights, unknown kinds and other methods', async () => {
    const anon = await post('/api/imports/customers', CSV);
    expect(anon.status).toBe(401);
    expect(JSON.parse(anon.body).error.code).toBe('UNAUTHENTICATED');
    const marketer = await post('/api/imports/customers', CSV, 'marketer-token');
    expect(marketer.status).toBe(403);
    expect(JSON.parse(marketer.body).error.code).toBe('FORBIDDEN');
    expect((await post('/api/imports/orders', CSV, 'admin-token')).status).toBe(404);
    expect((await post(`/api/imports/purchases?importId=${importId}`, CSV, 'admin-token')).status).toBe(409);
    expect((await post('/api/imports/customers?importId=nope', CSV, 'admin-token')).status).toBe(400);
  });

  it('resumes an import by id without redoing committed lines', async () => {
    const reply = await post(
      `/api/imports/customers?importId=${importId}`,
      `${CSV}A4,Linus,linus@example.com\n`,
      'admin-token',
    );
    const done = events(reply).at(-1)!;
    if (done.type !== 'done') throw new Error('no summary');
    expect(done.import).toMatchObject({
      id: importId,
      status: 'completed',
      rowsRead: 4,
      inserted: 4,
      failed: 0,
      withWarnings: 1,
    });
  });
});

describe('dropped upload', () => {
  it('marks the import failed, keeps committed batches, and can be resumed', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `D${i},Name ${i},d${i}@example.com`);
    const csv = `external_id,first_name,email\n${rows.join('\n')}\n`;
    const half = csv.slice(0, Math.floor(csv.length / 2));
    const started = await new Promise<string>((resolve, reject) => {
      const req = request(`${service.url}/api/imports/customers`, {
        method: 'POST',
        headers: { authorization: 'Bearer admin-token', 'content-length': String(csv.length) },
      });
      req.on('response', (res) => {
        res.setEncoding('utf8');
        res.once('data', (chunk: string) => {
          const first = JSON.parse(chunk.split('\n')[0]!) as ImportEvent;
          if (first.type !== 'started') return reject(new Error('expected started'));
          // The client goes away mid-upload.
          req.destroy();
          resolve(first.import.id);
        });
      });
      req.on('error', () => {});
      req.write(half);
    });
    let job = await callerAs(tdb.db, 'admin').imports.get({ id: started });
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = await callerAs(tdb.db, 'admin').imports.get({ id: started });
    }
    expect(job.status).toBe('failed');
    expect(job.rowsRead).toBeLessThan(40);
    const reply = await post(`/api/imports/customers?importId=${started}`, csv, 'admin-token');
    const done = events(reply).at(-1)!;
    if (done.type !== 'done') throw new Error('no summary');
    expect(done.import).toMatchObject({
      id: started,
      status: 'completed',
      rowsRead: 40,
      inserted: 40,
      failed: 0,
    });
  });
});

describe('imports procedures', () => {
  it('lists imports, reads progress and errors (admin only)', async () => {
    const admin = callerAs(tdb.db, 'admin');
    const list = await admin.imports.list({});
    expect(list.map((j) => j.fileName)).toEqual([null, 'c.csv']);
    const job = await admin.imports.get({ id: list[1]!.id });
    expect(job).toMatchObject({ kind: 'customers', status: 'completed', rowsRead: 4 });
    expect(await admin.imports.errors({ id: job.id })).toEqual([]);
    expect(await admin.imports.warnings({ id: job.id })).toEqual([
      {
        line: 3,
        field: 'email',
        code: 'invalid_identifier',
        reason: 'invalid email in column 3 (email_at_sign): kept as given, not published',
      },
    ]);
    expect(await admin.imports.warnings({ id: job.id, afterLine: 3 })).toEqual([]);
    expect(await admin.imports.list({ kind: 'purchases' })).toEqual([]);
    expect(await codeOf(admin.imports.get({ id: '00000000-0000-4000-8000-000000000999' }))).toBe('NOT_FOUND');
    expect(await codeOf(callerAs(tdb.db, 'marketer').imports.list({}))).toBe('FORBIDDEN');
    expect(await codeOf(callerAs(tdb.db, 'compliance').imports.errors({ id: job.id }))).toBe('FORBIDDEN');
    expect(await codeOf(callerAs(tdb.db, 'marketer').imports.warnings({ id: job.id }))).toBe('FORBIDDEN');
  });
});
