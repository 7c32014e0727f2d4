// importCsv end to end on a real database: good rows land, every bad row is reported by line, re-import is a no-op.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../src/crm/import/import-csv.ts';
import { listImportErrors, listImportWarnings } from '../../src/crm/import/jobs.ts';
import type { Database } from '../../src/db/database.ts';
import { csvStream, openTestDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
beforeAll(async () => {
  tdb = await openTestDb('crm_import');
});
afterAll(() => tdb.destroy());

const CUSTOMERS = [
  'external_id,first_name,last_name,email,email_2,phone,country,birth_date,segment_hint,loyalty_tier',
  'C1,Ada,Lovelace,ada@example.com,,+49 30 901820,DE,1990-12-10,vip,gold',
  'C2,Alan,Turing,ALAN@Example.org , alan.t@example.net,,GB,,,silver',
  'C3,Bad,Date,bd@example.com,,,DE,1990-02-30,,',
  'C4,"Broken "quote",x@example.com,,,DE,,,',
  ',No,Id,noid@example.com,,,DE,,,',
  'C5,Bad,Email,not-an-email,,,DE,,,',
  'C6,"Multi',
  'line",Name,multi@example.com,,,FR,,,',
  'C7,Short,Row',
  'C8,Bad,Country,c8@example.com,,,Germany,,,',
  'C1,Dup,Licate,dup@example.com,,,DE,,,',
  'C9,Grace,Hopper,grace@example.com,,,US,1906-12-09,,platinum',
  '',
].join('\n');

describe('importCsv customers', () => {
  it('imports good rows, reports each bad row with line and reason, and lands rows with bad identifiers', async () => {
    const summary = await importCsv(
      { db: tdb.db, now: () => new Date() },
      { kind: 'customers', source: csvStream(CUSTOMERS), fileName: 'c.csv' },
    );
    expect(summary).toMatchObject({
      status: 'completed',
      rowsRead: 11,
      // C5's invalid email is a warning (kept as given, not published), not a rejected customer (issue 13).
      inserted: 5,
      updated: 0,
      unchanged: 0,
      failed: 6,
      withWarnings: 1,
      lastCommittedLine: 13,
    });
    const errors = await listImportErrors(tdb.db, summary.id, { limit: 100 });
    expect(errors).toEqual([
      { line: 4, field: 'birth_date', reason: 'invalid date "1990-02-30" (expected YYYY-MM-DD)' },
      { line: 5, field: null, reason: 'unexpected character after closing quote in field 2' },
      { line: 6, field: 'external_id', reason: 'missing external_id' },
      { line: 10, field: null, reason: 'expected 10 columns, found 3' },
      {
        line: 11,
        field: 'country',
        reason: 'invalid country "Germany" (expected ISO 3166-1 alpha-2, e.g. DE)',
      },
      { line: 12, field: 'external_id', reason: 'duplicate external_id "C1" (already on line 2)' },
    ]);
    expect(await listImportWarnings(tdb.db, summary.id, { limit: 100 })).toEqual([
      {
        line: 7,
        field: 'email',
        code: 'invalid_identifier',
        reason: 'invalid email in column 4 (email_at_sign): kept as given, not published',
      },
    ]);
    const customers = await tdb.db
      .selectFrom('customer')
      .select(['external_id', 'first_name', 'last_name', 'country', 'birth_date', 'attributes'])
      .orderBy('external_id')
      .execute();
    expect(customers).toEqual([
      {
        external_id: 'C1',
        first_name: 'Ada',
        last_name: 'Lovelace',
        country: 'DE',
        birth_date: expect.anything(),
        attributes: { segment_hint: 'vip', loyalty_tier: 'gold' },
      },
      {
        external_id: 'C2',
        first_name: 'Alan',
        last_name: 'Turing',
        country: 'GB',
        birth_date: null,
        attributes: { loyalty_tier: 'silver' },
      },
      {
        external_id: 'C5',
        first_name: 'Bad',
        last_name: 'Email',
        country: 'DE',
        birth_date: null,
        attributes: {},
      },
      {
        external_id: 'C6',
        first_name: 'Multi\nline',
        last_name: 'Name',
        country: 'FR',
        birth_date: null,
        attributes: {},
      },
      {
        external_id: 'C9',
        first_name: 'Grace',
        last_name: 'Hopper',
        country: 'US',
        birth_date: expect.anything(),
        attributes: { loyalty_tier: 'platinum' },
      },
    ]);
    const emails = await tdb.db
      .selectFrom('customer_identifier as e')
      .innerJoin('customer as c', 'c.id', 'e.customer_id')
      .select(['c.external_id', 'e.position', 'e.raw', 'e.normalized', 'e.status', 'e.reason'])
      .where('e.id_type', '=', 'email')
      .orderBy('c.external_id')
      .orderBy('e.position')
      .execute();
    const valid = (external_id: string, position: number, raw: string, normalized: string) => ({
      external_id,
      position,
      raw,
      normalized,
      status: 'valid',
      reason: null,
    });
    expect(emails).toEqual([
      valid('C1', 0, 'ada@example.com', 'ada@example.com'),
      valid('C2', 0, 'ALAN@Example.org', 'alan@example.org'),
      valid('C2', 1, 'alan.t@example.net', 'alan.t@example.net'),
      {
        external_id: 'C5',
        position: 0,
        raw: 'not-an-email',
        normalized: null,
        status: 'invalid',
        reason: 'email_at_sign',
      },
      valid('C6', 0, 'multi@example.com', 'multi@example.com'),
      valid('C9', 0, 'grace@example.com', 'grace@example.com'),
    ]);
    const phones = await tdb.db
      .selectFrom('customer_identifier')
      .select(['raw', 'position', 'normalized', 'region_source'])
      .where('id_type', '=', 'phone')
      .execute();
    expect(phones).toEqual([
      { raw: '+49 30 901820', position: 0, normalized: '+4930901820', region_source: 'number' },
    ]);
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await tdb.db.selectFrom('customer').select(['id', 'updated_at']).orderBy('id').execute();
    const summary = await importCsv(
      { db: tdb.db, now: () => new Date() },
      { kind: 'customers', source: csvStream(CUSTOMERS, 1000) },
    );
    expect(summary).toMatchObject({ status: 'completed', inserted: 0, updated: 0, unchanged: 5, failed: 6 });
    const after = await tdb.db.selectFrom('customer').select(['id', 'updated_at']).orderBy('id').execute();
    expect(after).toEqual(before);
  });

  it('updates changed fields and identifiers, keeping columns the file does not have', async () => {
    const csv =
      'external_id,first_name,email\nC1,Augusta,ada@example.com\nC2,Alan,\nC9,Grace,grace@example.com\n';
    const summary = await importCsv(
      { db: tdb.db, now: () => new Date() },
      { kind: 'customers', source: csvStream(csv) },
    );
    expect(summary).toMatchObject({ status: 'completed', inserted: 0, updated: 2, unchanged: 1, failed: 0 });
    const c1 = await tdb.db
      .selectFrom('customer')
      .select(['first_name', 'last_name', 'country', 'attributes'])
      .where('external_id', '=', 'C1')
      .executeTakeFirstOrThrow();
    expect(c1).toEqual({
      first_name: 'Augusta',
      last_name: 'Lovelace',
      country: 'DE',
      attributes: { segment_hint: 'vip', loyalty_tier: 'gold' },
    });
    const c2Emails = await tdb.db
      .selectFrom('customer_identifier as e')
      .innerJoin('customer as c', 'c.id', 'e.customer_id')
      .select('e.raw')
      .where('c.external_id', '=', 'C2')
      .execute();
    expect(c2Emails).toEqual([]);
  });
});

describe('importCsv purchases and interactions', () => {
  it('imports purchases, reporting unknown customers, bad amounts and dates', async () => {
    const csv = [
      'external_id,customer_external_id,product,category,price,quantity,purchased_at,store',
      'P1,C1,Model S,car,45000.00,1,2026-10-01,Berlin',
      'P2,C1,Winter tyres,accessory,800,4,2026-10-02T10:00:00+02:00,',
      'P3,NOPE,Model S,car,45000,1,2026-10-01,',
      'P4,C2,Service,service,12.345,1,2026-10-01,',
      'P5,C2,Service,service,99.90,1,2026-13-01,',
      'P6,C2,,service,99.90,1,2026-10-01,',
      'P7,C9,Mortgage,mortgage,250000,1,2026-01-15,',
      'P8,C9,Bike,,-5,1,2026-01-15,',
    ].join('\n');
    const summary = await importCsv(
      { db: tdb.db, now: () => new Date() },
      { kind: 'purchases', source: csvStream(csv), batchSize: 3 },
    );
    expect(summary).toMatchObject({ status: 'completed', rowsRead: 8, inserted: 3, failed: 5 });
    const errors = await listImportErrors(tdb.db, summary.id, { limit: 10 });
    expect(errors).toEqual([
      { line: 4, field: 'customer_external_id', reason: 'unknown customer_external_id "NOPE"' },
      { line: 5, field: 'price', reason: 'invalid amount "12.345" (expected e.g. 1234.50)' },
      {
        line: 6,
        field: 'purchased_at',
        reason: 'invalid date "2026-13-01" (expected ISO 8601, e.g. 2026-03-01 or 2026-03-01T12:30:00Z)',
      },
      { line: 7, field: 'product', reason: 'missing product' },
      { line: 9, field: 'price', reason: 'invalid amount "-5" (expected e.g. 1234.50)' },
    ]);
    const p2 = await tdb.db
      .selectFrom('purchase')
      .select(['price', 'quantity', 'purchased_at', 'attributes', 'category'])
      .where('external_id', '=', 'P2')
      .executeTakeFirstOrThrow();
    expect(p2).toEqual({
      price: 800,
      quantity: 4,
      purchased_at: new Date('2026-10-02T08:00:00Z'),
      attributes: {},
      category: 'accessory',
    });
    const again = await importCsv(
      { db: tdb.db, now: () => new Date() },
      { kind: 'purchases', source: csvStream(csv) },
    );
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, failed: 5 });
  });

  it('imports service cases and contacts', async () => {
    const csv = [
      'external_id,customer_external_id,kind,occurred_at,closed_at,product,outcome,channel,direction,summary',
      'I1,C1,service_case,2026-10-05,,Model S,,,,"Brake noise, front"',
      'I2,C1,service_case,2026-09-01,2026-09-03,Model S,repaired,,,',
      'I3,C2,contact,2026-10-06T09:00:00Z,,,,phone,outbound,Offered mortgage',
      'I4,C2,meeting,2026-10-06,,,,,,',
      'I5,C2,contact,2026-10-06,2026-10-07,,,,,',
      'I6,C2,contact,2026-10-06,,,,phone,sideways,',
      'I7,C2,service_case,2026-10-06,2026-10-01,,,,,',
    ].join('\r\n');
    const summary = await importCsv(
      { db: tdb.db, now: () => new Date() },
      { kind: 'interactions', source: csvStream(csv) },
    );
    expect(summary).toMatchObject({ status: 'completed', inserted: 3, failed: 4 });
    const errors = await listImportErrors(tdb.db, summary.id, { limit: 10 });
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [5, 'kind'],
      [6, 'closed_at'],
      [7, 'direction'],
      [8, 'closed_at'],
    ]);
    const i1 = await tdb.db
      .selectFrom('interaction')
      .select(['kind', 'summary', 'closed_at'])
      .where('external_id', '=', 'I1')
      .executeTakeFirstOrThrow();
    expect(i1).toEqual({ kind: 'service_case', summary: 'Brake noise, front', closed_at: null });
  });

  it('fails the import with a clear reason when a required column is missing', async () => {
    const summary = await importCsv(
      { db: tdb.db, now: () => new Date() },
      { kind: 'purchases', source: csvStream('external_id,product\nX,Y\n') },
    );
    expect(summary).toMatchObject({
      status: 'failed',
      error: 'missing required column(s): customer_external_id, price, purchased_at',
    });
  });
});

describe('importCsv resume', () => {
  it('resumes an interrupted import after the last committed line', async () => {
    const lines = ['external_id,first_name'];
    for (let i = 1; i <= 50; i++) lines.push(`R${i},Name ${i}`);
    lines.push('R2,duplicate in another batch');
    const text = `${lines.join('\n')}\n`;
    // A source that dies after ~half the file, like a dropped upload.
    async function* interrupted() {
      yield Buffer.from(text.slice(0, 300));
      throw new Error('connection reset');
    }
    const first = await importCsv(
      { db: tdb.db, now: () => new Date() },
      { kind: 'customers', source: interrupted(), batchSize: 10 },
    );
    expect(first.status).toBe('failed');
    expect(first.error).toBe('connection reset');
    expect(first.lastCommittedLine).toBeGreaterThan(1);
    const committed = first.lastCommittedLine;
    expect(first.inserted).toBe(committed - 1);

    const resumed = await importCsv(
      { db: tdb.db, now: () => new Date() },
      { kind: 'customers', source: csvStream(text), importId: first.id, batchSize: 10 },
    );
    expect(resumed).toMatchObject({
      id: first.id,
      status: 'completed',
      rowsRead: 51,
      inserted: 50,
      updated: 1,
      failed: 0,
      lastCommittedLine: 52,
    });
    const count = await tdb.db
      .selectFrom('customer')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('external_id', 'like', 'R%')
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(50);
  });
});

describe('importCsv identity warnings and duplicates', () => {
  const CSV = [
    'external_id,first_name,country,email,phone,phone_country',
    'W1,Ann,US,ann@dup.test,(312) 585-3624,',
    'W2,Ann,,ANN@dup.test,030 2345678,',
    'W3,Bob,US,bob@dup.test,030 2345678,',
    'W4,Eve,US,eve@dup.test,020 7946 0958,GB',
  ].join('\n');

  it('reports inferred regions and implausible numbers per row; flags duplicates unless told not to', async () => {
    const off = await importCsv(
      { db: tdb.db, now: () => new Date() },
      { kind: 'customers', source: csvStream(CSV), defaultRegion: 'DE', flagDuplicates: false },
    );
    expect(off).toMatchObject({ inserted: 4, failed: 0, withWarnings: 2, duplicatesFlagged: 0 });
    expect(await tdb.db.selectFrom('duplicate_flag').selectAll().execute()).toEqual([]);
    expect((await listImportWarnings(tdb.db, off.id, { limit: 10 })).map((w) => [w.line, w.code])).toEqual([
      [3, 'region_from_default'],
      [4, 'invalid_identifier'],
      [4, 'implausible_for_country'],
    ]);
    const phones = await tdb.db
      .selectFrom('customer_identifier as i')
      .innerJoin('customer as c', 'c.id', 'i.customer_id')
      .select(['c.external_id', 'i.normalized', 'i.region', 'i.region_source'])
      .where('i.id_type', '=', 'phone')
      .where('c.external_id', 'like', 'W%')
      .orderBy('c.external_id')
      .execute();
    expect(phones).toEqual([
      { external_id: 'W1', normalized: '+13125853624', region: 'US', region_source: 'customer' },
      { external_id: 'W2', normalized: '+49302345678', region: 'DE', region_source: 'default' },
      { external_id: 'W3', normalized: null, region: 'US', region_source: 'customer' },
      { external_id: 'W4', normalized: '+442079460958', region: 'GB', region_source: 'identifier' },
    ]);
    const on = await importCsv(
      { db: tdb.db, now: () => new Date() },
      { kind: 'customers', source: csvStream(CSV), defaultRegion: 'DE' },
    );
    expect({ unchanged: on.unchanged, flagged: on.duplicatesFlagged }).toEqual({ unchanged: 4, flagged: 1 });
    const flags = await tdb.db.selectFrom('duplicate_flag').select('evidence').execute();
    expect(flags.map((f) => f.evidence)).toEqual([[{ idType: 'email', value: 'ann@dup.test' }]]);
  });
});
