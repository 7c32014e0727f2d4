// channels.*: acquisition channels from CSV imports (source/medium or utm_* columns, any case), analytics by
// channel and month against an independent computation, and costs turning into cost per customer and ROI.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../src/crm/import/import-csv.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, csvStream, openTestDb } from '../crm/helpers.ts';

let tdb: TestDatabase<Database>;
const NOW = new Date('2026-11-28T12:00:00Z');

// [source column, medium column, utm?] as a marketer's export would spell them.
const SPELLINGS: Array<[string, string, boolean]> = [
  ['Google', 'cpc', false],
  [' google ', 'CPC', false],
  ['newsletter', 'email', true],
  ['', '', false],
  ['Facebook', 'Social', true],
];
const MONTHS = ['2026-09', '2026-10', '2026-11'];

interface Cust {
  id: string;
  source: string;
  medium: string;
}
interface Buy {
  customer: string;
  month: string;
  price: number;
  source: string | null;
}
const customers: Cust[] = [];
const buys: Buy[] = [];

beforeAll(async () => {
  tdb = await openTestDb('campaigns_channels');
  const lines = ['external_id,country,email,source,medium,utm_source,utm_medium,campaign'];
  for (let k = 0; k < 45; k++) {
    const [src, med, utm] = SPELLINGS[k % SPELLINGS.length] as [string, string, boolean];
    const id = `K${k}`;
    lines.push(
      [
        id,
        'DE',
        `k${k}@example.com`,
        utm ? '' : src,
        utm ? '' : med,
        utm ? src : '',
        utm ? med : '',
        'autumn',
      ].join(','),
    );
    customers.push({
      id,
      source: src.trim().toLowerCase() || '(direct)',
      medium: med.trim().toLowerCase() || '(none)',
    });
  }
  const imported = await importCsv(
    { db: tdb.db, now: () => new Date() },
    { kind: 'customers', source: csvStream(`${lines.join('\n')}\n`) },
  );
  expect(imported.failed).toBe(0);
  const plines = ['external_id,customer_external_id,product,category,price,purchased_at,source,medium'];
  let n = 0;
  for (const [k, c] of customers.entries()) {
    if (k % 9 === 8) continue; // never bought
    const count = 1 + (k % 3);
    for (let j = 0; j < count; j++) {
      const month = MONTHS[(k + j) % 3] as string;
      const price = 100 + k * 3 + j;
      const own = k % 10 === 0 && j === 0 ? 'Partner' : null;
      buys.push({ customer: c.id, month, price, source: own?.toLowerCase() ?? null });
      plines.push(
        [
          `P${n++}`,
          c.id,
          'Card',
          'cards',
          price,
          `${month}-15T10:00:00Z`,
          own ?? '',
          own ? 'referral' : '',
        ].join(','),
      );
    }
  }
  const bought = await importCsv(
    { db: tdb.db, now: () => new Date() },
    { kind: 'purchases', source: csvStream(`${plines.join('\n')}\n`) },
  );
  expect(bought.failed).toBe(0);
});
afterAll(async () => tdb?.close());

describe('analytics by channel', () => {
  it('matches an independent computation per month and channel, with costs turned into CPC and ROI', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    expect(
      await codeOf(
        callerAs(tdb.db, 'compliance', NOW).channels.setCost({
          source: 'google',
          medium: 'cpc',
          month: '2026-10',
          cost: 1,
        }),
      ),
    ).toBe('FORBIDDEN');
    await m.channels.setCost({ source: 'Google', medium: 'CPC', month: '2026-10', cost: 900 });
    await m.channels.setCost({ source: 'google', medium: 'cpc', month: '2026-10', cost: 1200 }); // replaces
    await m.channels.setCost({ source: 'newsletter', medium: 'email', month: '2026-11', cost: 300 });
    const rows = await m.channels.analytics({
      from: new Date('2026-10-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
    });

    // Independent expectation.
    const byId = new Map(customers.map((c) => [c.id, c]));
    const firsts = new Map<string, { month: string; n: number }>();
    for (const b of [...buys].sort((a, b) => a.month.localeCompare(b.month))) {
      const f = firsts.get(b.customer);
      firsts.set(b.customer, { month: f?.month ?? b.month, n: (f?.n ?? 0) + 1 });
    }
    const key = (month: string, s: string, md: string) => `${month}-01|${s}|${md}`;
    const want = new Map<string, { acquired: number; repeat: number; revenue: number }>();
    const get = (k: string) => want.get(k) ?? { acquired: 0, repeat: 0, revenue: 0 };
    for (const [cid, f] of firsts) {
      if (f.month < '2026-10') continue;
      const c = byId.get(cid) as Cust;
      const k = key(f.month, c.source, c.medium);
      const v = get(k);
      want.set(k, { ...v, acquired: v.acquired + 1, repeat: v.repeat + (f.n >= 2 ? 1 : 0) });
    }
    for (const b of buys) {
      if (b.month < '2026-10') continue;
      const c = byId.get(b.customer) as Cust;
      const k = b.source ? key(b.month, b.source, 'referral') : key(b.month, c.source, c.medium);
      const v = get(k);
      want.set(k, { ...v, revenue: v.revenue + b.price });
    }
    const monthly = rows.filter((r) => r.period !== 'all');
    expect(new Set(monthly.map((r) => `${r.period}|${r.source}|${r.medium}`))).toEqual(new Set(want.keys()));
    for (const r of monthly) {
      const w = want.get(`${r.period}|${r.source}|${r.medium}`);
      expect([r.customersAcquired, r.repeatCustomers, r.revenue]).toEqual([
        w?.acquired,
        w?.repeat,
        w?.revenue,
      ]);
    }
    const googleOct = monthly.find((r) => r.period === '2026-10-01' && r.source === 'google');
    const wantGoogle = want.get(key('2026-10', 'google', 'cpc'));
    expect(googleOct?.cost).toBe(1200);
    expect(googleOct?.costPerCustomer).toBeCloseTo(1200 / (wantGoogle?.acquired ?? 0), 2);
    expect(googleOct?.roi).toBeCloseTo(((wantGoogle?.revenue ?? 0) - 1200) / 1200, 9);
    const direct = rows.find((r) => r.period === 'all' && r.source === '(direct)');
    expect(direct?.medium).toBe('(none)');
    expect(direct?.cost).toBeNull();
    expect(rows.filter((r) => r.period === 'all' && r.source === 'google')).toHaveLength(1);
    expect((await m.channels.costs()).map((c) => [c.month, c.source, c.cost])).toEqual([
      ['2026-11', 'newsletter', 300],
      ['2026-10', 'google', 1200],
    ]);
  });
});
