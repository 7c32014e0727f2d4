import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestDatabase } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentImportRoute } from '../../src/api/consent/upload-route.ts';
import { verifyAuditChain } from '../../src/audit/log.ts';
import type { Database } from '../../src/db/database.ts';
import { caller, makeCustomers, openDb, PEOPLE } from './helpers.ts';

let tdb: TestDatabase<Database>;
let ids: string[];
beforeAll(async () => {
  tdb = await openDb('consent_import');
  ids = await makeCustomers(tdb.db, 4, 'imp');
  await caller(tdb.db, 'compliance').notices.publish({
    key: 'offers',
    title: 'Offers',
    language: 'de',
    body: 'Wir teilen…',
    purposes: ['marketing'],
  });
});
afterAll(() => tdb.destroy());

const CSV = [
  'customer_external_id,purpose,state,captured_at,valid_until,recipient_industries,collection_method,notice,evidence_ref',
  'imp-0,marketing.cross_sell.partner_offers,given,2026-03-01T10:00:00Z,,insurance;retail,paper_form,offers@1,scan-1', // 2 ok
  'imp-1,marketing.referral,GIVEN,2026-03-01,2027-03-01,*,web_form,,', // 3 ok (state case-insensitive)
  'nobody,marketing.referral,given,2026-03-01,,insurance,web_form,,', // 4 unknown customer
  'imp-2,marketing.spam,given,2026-03-01,,insurance,web_form,,', // 5 unknown purpose
  'imp-2,marketing.referral,maybe,2026-03-01,,insurance,web_form,,', // 6 bad state
  'imp-2,marketing.referral,given,yesterday,,insurance,web_form,,', // 7 bad date
  'imp-2,marketing.referral,given,2026-03-01,,,web_form,,', // 8 given without recipients
  'imp-2,marketing.referral,given,2026-03-01,,insurance,web_form,offers@9,', // 9 unknown notice
  'imp-2,marketing.referral,given,2026-03-01,,insurance', // 10 too few columns
  'imp-3,"marketing.referral,given,2026-03-01,,insurance,web_form,,', // 11 broken quote
  'imp-3,marketing,withdrawn,2026-03-02,,,phone,,call-9', // 12 ok: withdrawal of every marketing purpose
  'imp-2,marketing.referral,given,2026-03-01,2026-02-01,insurance,web_form,,', // 13 valid_until before captured_at
  '',
].join('\n');

const EXPECTED_ERRORS = [
  { line: 4, field: 'customer_external_id', reason: 'unknown customer_external_id "nobody"' },
  { line: 5, field: 'purpose', reason: 'purpose: unknown purpose' },
  { line: 6, field: 'state', reason: expect.stringMatching(/^state: /) },
  { line: 7, field: 'captured_at', reason: expect.stringMatching(/^invalid date "yesterday"/) },
  { line: 8, field: 'recipient_industries', reason: 'recipient_industries: consent must name recipients' },
  { line: 9, field: 'notice', reason: 'unknown notice "offers@9" (expected key@version)' },
  { line: 10, field: null, reason: 'expected 9 columns, found 6' },
  { line: 11, field: null, reason: expect.stringMatching(/quote/) },
  { line: 13, field: 'valid_until', reason: 'valid_until: validUntil must be after capturedAt' },
];

describe('consent CSV import', () => {
  it('lands good rows and reports each bad row with line and reason', async () => {
    const result = await caller(tdb.db, 'compliance').consent.import({ fileName: 'consents.csv', csv: CSV });
    expect(result).toEqual({
      rowsRead: 12,
      recorded: 3,
      failed: 9,
      error: null,
      withdrawalsQueued: 5,
      errors: EXPECTED_ERRORS,
    });
    const events = await tdb.db
      .selectFrom('consent_event as e')
      .innerJoin('customer as c', 'c.id', 'e.customer_id')
      .select([
        'c.external_id',
        'e.purpose',
        'e.state',
        'e.recipient_industries',
        'e.notice_version_id',
        'e.recorded_via',
        'e.source',
        'e.evidence_ref',
        'e.recorded_by',
      ])
      .orderBy('e.id')
      .execute();
    expect(events).toEqual([
      {
        external_id: 'imp-0',
        purpose: 'marketing.cross_sell.partner_offers',
        state: 'given',
        recipient_industries: ['insurance', 'retail'],
        notice_version_id: expect.any(String),
        recorded_via: 'import',
        source: 'consents.csv',
        evidence_ref: 'scan-1',
        recorded_by: PEOPLE.compliance.id,
      },
      {
        external_id: 'imp-1',
        purpose: 'marketing.referral',
        state: 'given',
        recipient_industries: ['*'],
        notice_version_id: null,
        recorded_via: 'import',
        source: 'consents.csv',
        evidence_ref: null,
        recorded_by: PEOPLE.compliance.id,
      },
      {
        external_id: 'imp-3',
        purpose: 'marketing',
        state: 'withdrawn',
        recipient_industries: [],
        notice_version_id: null,
        recorded_via: 'import',
        source: 'consents.csv',
        evidence_ref: 'call-9',
        recorded_by: PEOPLE.compliance.id,
      },
    ]);
    // The withdrawal of `marketing` queued every marketing sub-purpose for removal.
    const outbox = await tdb.db
      .selectFrom('withdrawal_outbox')
      .select(['purpose'])
      .where('customer_id', '=', ids[3]!)
      .orderBy('purpose')
      .execute();
    expect(outbox.map((o) => o.purpose)).toEqual([
      'marketing',
      'marketing.cross_sell',
      'marketing.cross_sell.partner_offers',
      'marketing.referral',
      'marketing.referral.partner_products',
    ]);
    expect((await verifyAuditChain(tdb.db)).ok).toBe(true);
  });

  it('refuses a file without the required columns as a whole', async () => {
    const result = await caller(tdb.db, 'admin').consent.import({
      csv: 'customer_external_id,purpose\nimp-0,marketing\n',
    });
    expect(result).toMatchObject({
      rowsRead: 0,
      recorded: 0,
      error: 'missing required column(s): state, captured_at',
    });
  });

  it('streams an upload over HTTP with NDJSON progress (concord import consents FILE)', async () => {
    const route = consentImportRoute({
      db: tdb.db,
      now: () => new Date(),
      logger: silentLogger(),
      batchSize: 4,
      authenticate: async (_db, headers) =>
        headers.authorization === 'Bearer ok' ? { ...PEOPLE.admin } : null,
    });
    const server: Server = createServer((req, res) => void route.handler(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/imports/consents?fileName=big.csv`;
    try {
      const anonymous = await fetch(url, { method: 'POST', body: CSV });
      expect(anonymous.status).toBe(401);
      const res = await fetch(url, { method: 'POST', body: CSV, headers: { authorization: 'Bearer ok' } });
      expect(res.status).toBe(200);
      const lines = (await res.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.filter((l) => l.type === 'progress').length).toBeGreaterThanOrEqual(3);
      const done = lines.at(-1);
      expect(done.type).toBe('done');
      expect(done.import).toMatchObject({ rowsRead: 12, recorded: 3, failed: 9 });
      expect(done.import.errors.map((e: { line: number }) => e.line)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 13]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
