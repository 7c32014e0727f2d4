// Issue 16, imports: a file with its own column names imported through a column mapping (inline or a saved
// template), and the rejected-rows CSV — its line numbers and reasons checked against an expectation built here
// from the records themselves (physical lines counted in the test, multi-line quoted cells included).
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

beforeAll(async () => {
  tdb = await openTestDb('crm_import_mapping');
  const admin: SessionUser = { ...USERS.admin };
  service = await startImportService(tdb.db, {
    // One batch per file: a repeated customer number inside one batch is rejected (across batches it updates).
    batchSize: 100,
    authenticate: async (_db, headers) => (headers.authorization === 'Bearer admin' ? admin : null),
  });
});
afterAll(async () => {
  await service.close();
  await tdb.destroy();
});

function post(path: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: 'Bearer admin' },
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

const HEADER = 'Kundennr,Vorname,Nachname,E-Mail,Land,Geburtstag,Notiz';
const MAPPING = {
  Kundennr: 'external_id',
  Vorname: 'first_name',
  Nachname: 'last_name',
  'E-Mail': 'email',
  Land: 'country',
  Geburtstag: 'birth_date',
  Notiz: '',
};

/** Each record as written, and what the import must say about it (null = lands). */
function records(prefix: string): Array<{ text: string; reject: [string | null, string] | null }> {
  const k = (n: number) => `${prefix}-${n}`;
  return [
    { text: `${k(1)},Anna,Schmidt,anna@example.com,DE,1980-01-02,ok`, reject: null },
    { text: ',Ben,Keller,ben@example.com,DE,,', reject: ['Kundennr', 'missing external_id'] },
    { text: `${k(3)},"Clara\nMaria",Wolf,clara@example.com,DE,,"two\nline note"`, reject: null },
    {
      text: `${k(4)},David,Brandt,david@example.com,Germany,,`,
      reject: ['Land', 'invalid country "Germany" (expected ISO 3166-1 alpha-2, e.g. DE)'],
    },
    {
      text: `${k(5)},Eva,Roth,eva@example.com,DE,1990-02-30,x`,
      reject: ['Geburtstag', 'invalid date "1990-02-30" (expected YYYY-MM-DD)'],
    },
    { text: `${k(6)},Frida`, reject: [null, 'expected 7 columns, found 2'] },
    { text: `${k(7)},Gero,Vogel,,AT,,`, reject: null },
    { text: `${k(8)},Hanna,Sommer,,AT,,`, reject: null },
  ];
}

/** The file, and the rejections it must produce with their physical line numbers (the header is line 1). */
function fileAndExpectation(prefix: string, extra: Array<{ text: string; reject: [string, string] }> = []) {
  const all = [...records(prefix), ...extra];
  const expected: string[][] = [];
  let line = 2;
  for (const r of all) {
    if (r.reject) expected.push([String(line), r.reject[0] ?? '', r.reject[1]]);
    line += r.text.split('\n').length;
  }
  return { csv: `${HEADER}\n${all.map((r) => r.text).join('\n')}\n`, expected };
}

/** A small RFC 4180 reader for the downloaded file (independent of the node's reader). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && ch === '"') quoted = false;
    else if (quoted) cell += ch;
    else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '\n') {
      row.push(cell);
      cell = '';
      if (ch === '\n') {
        rows.push(row);
        row = [];
      }
    } else if (ch !== '\r') cell += ch;
  }
  return rows;
}

async function upload(query: string, csv: string) {
  const reply = await post(`/api/imports/customers?fileName=crm-export.csv&${query}`, csv);
  const last = JSON.parse(reply.body.trim().split('\n').at(-1)!) as ImportEvent;
  if (last.type !== 'done') throw new Error(reply.body);
  return last.import;
}

describe('import with a column mapping', () => {
  it('maps the columns, drops the ignored one, and the rejected-rows CSV lists line, column and reason', async () => {
    const { csv, expected } = fileAndExpectation('M', [
      {
        text: 'M-1,Dup,Twice,,DE,,',
        reject: ['Kundennr', 'duplicate external_id "M-1" (already on line 2)'],
      },
    ]);
    const summary = await upload(`mapping=${encodeURIComponent(JSON.stringify(MAPPING))}`, csv);
    expect(summary).toMatchObject({ status: 'completed', inserted: 4 });
    const anna = await tdb.db
      .selectFrom('customer')
      .select(['first_name', 'last_name', 'country', 'attributes'])
      .where('external_id', '=', 'M-1')
      .executeTakeFirstOrThrow();
    expect(anna).toMatchObject({ first_name: 'Anna', last_name: 'Schmidt', country: 'DE', attributes: {} });
    const clara = await tdb.db
      .selectFrom('customer')
      .select('first_name')
      .where('external_id', '=', 'M-3')
      .executeTakeFirstOrThrow();
    expect(clara.first_name).toBe('Clara\nMaria');

    const file = await callerAs(tdb.db, 'admin').imports.rejectedCsv({ id: summary.id });
    expect(file.filename).toBe('crm-export-rejected-rows.csv');
    const [header, ...rows] = parseCsv(file.csv);
    expect(header).toEqual(['line', 'column', 'reason']);
    expect(rows).toEqual(expected.sort((a, b) => Number(a[0]) - Number(b[0])));
    expect(summary.failed).toBe(expected.length);
  });

  it('a saved template gives the same result as the inline mapping', async () => {
    const admin = callerAs(tdb.db, 'admin');
    const template = await admin.imports.saveTemplate({
      kind: 'customers',
      name: 'CRM export',
      mapping: MAPPING,
    });
    expect((await admin.imports.templates({ kind: 'customers' })).map((t) => t.name)).toEqual(['CRM export']);
    const { csv, expected } = fileAndExpectation('T');
    const summary = await upload(`templateId=${template.id}`, csv);
    const rows = parseCsv((await admin.imports.rejectedCsv({ id: summary.id })).csv).slice(1);
    expect(rows).toEqual(expected);
    expect(await codeOf(admin.imports.deleteTemplate({ id: template.id }))).toBe('OK');
    expect(await admin.imports.templates({ kind: 'customers' })).toEqual([]);
  });

  it('without a mapping the same file is refused for its missing external_id column', async () => {
    const { csv } = fileAndExpectation('N');
    const summary = await upload('', csv);
    expect(summary).toMatchObject({ status: 'failed', error: 'missing required column(s): external_id' });
  });

  it('a bad mapping or a template of another kind is refused with a plain message', async () => {
    const bad = await post('/api/imports/customers?mapping=%7Bnot-json', `${HEADER}\n`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toEqual({
      code: 'BAD_INPUT',
      message: 'mapping must be a JSON object of "file column": "target column"',
    });
    const purchases = await callerAs(tdb.db, 'admin').imports.saveTemplate({
      kind: 'purchases',
      name: 'Shop',
      mapping: { Bestellnr: 'external_id' },
    });
    const wrongKind = await post(`/api/imports/customers?templateId=${purchases.id}`, `${HEADER}\n`);
    expect(wrongKind.status).toBe(409);
    expect(JSON.parse(wrongKind.body).error.message).toBe('template "Shop" is for purchases imports');
  });

  it('lists each kind’s target columns for the console', async () => {
    const formats = await callerAs(tdb.db, 'admin').imports.formats();
    expect(formats.customers.required).toEqual(['external_id']);
    expect(formats.customers.repeatable).toContain('email');
    expect(formats.purchases.known).toContain('price');
  });
});
