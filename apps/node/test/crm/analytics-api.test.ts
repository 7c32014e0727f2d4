// analytics.* procedures: breakdowns by product/category/price band/period, RFM, customer trend.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import { upsertPurchases } from '../../src/crm/history/upsert-purchases.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, openTestDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
const NOW = new Date('2026-11-22T10:00:00Z');

beforeAll(async () => {
  tdb = await openTestDb('crm_analytics_api');
  await upsertCustomers(
    tdb.db,
    Array.from({ length: 10 }, (_, i) => ({ externalId: `C${i}`, country: i < 5 ? 'DE' : 'FR' })),
  );
  const purchases = [];
  // Customer i buys i+1 times, most recently i days before NOW (C0 is the most recent, C9 the least).
  for (let i = 0; i < 10; i++) {
    for (let k = 0; k <= i; k++) {
      purchases.push({
        externalId: `P${i}-${k}`,
        customerExternalId: `C${i}`,
        product: k % 2 === 0 ? 'Sedan' : 'Tyres',
        category: k % 2 === 0 ? 'car' : null,
        price: k % 2 === 0 ? 20000 : 40,
        purchasedAt: new Date(Date.UTC(2026, 10 - k, 20 - i)),
      });
    }
  }
  await upsertPurchases(tdb.db, purchases);
});
afterAll(() => tdb.destroy());

describe('analytics', () => {
  it('breaks purchases down by product and category', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    // k even: 5+5+4+4+3+3+2+2+1+1 = 30 sedans; k odd: 25 tyres.
    expect(await m.analytics.purchaseBreakdown({ dimension: 'product' })).toEqual([
      { key: 'Sedan', purchases: 30, customers: 10, revenue: 600000, averagePrice: 20000 },
      { key: 'Tyres', purchases: 25, customers: 9, revenue: 1000, averagePrice: 40 },
    ]);
    expect((await m.analytics.purchaseBreakdown({ dimension: 'category' })).map((r) => r.key)).toEqual([
      'car',
      '(none)',
    ]);
  });

  it('breaks purchases down by price band and by period, within a window', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    expect(
      (await m.analytics.purchaseBreakdown({ dimension: 'price_band', bands: [0, 100, 10000] })).map((r) => [
        r.key,
        r.purchases,
      ]),
    ).toEqual([
      ['0–100', 25],
      ['10000+', 30],
    ]);
    const months = await m.analytics.purchaseBreakdown({
      dimension: 'period',
      period: 'month',
      from: new Date('2026-10-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
    });
    // k = 0 in November (10 customers), k = 1 in October (9).
    expect(months).toEqual([
      { key: '2026-10-01', purchases: 9, customers: 9, revenue: 360, averagePrice: 40 },
      { key: '2026-11-01', purchases: 10, customers: 10, revenue: 200000, averagePrice: 20000 },
    ]);
  });

  it('restricts a breakdown to a saved segment', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    const s = await m.segments.create({
      name: 'FR',
      rule: { type: 'field', field: 'country', op: 'eq', value: 'FR' },
    });
    const rows = await m.analytics.purchaseBreakdown({ dimension: 'product', segmentId: s.id });
    // C5..C9 buy 6..10 times: sedans 3+4+4+5+5 = 21, tyres 3+3+4+4+5 = 19.
    expect(rows.map((r) => [r.key, r.purchases, r.customers])).toEqual([
      ['Sedan', 21, 5],
      ['Tyres', 19, 5],
    ]);
  });

  it('scores RFM quintiles and classes', async () => {
    const rfm = await callerAs(tdb.db, 'marketer', NOW).analytics.rfm({});
    expect(rfm.customers).toBe(10);
    expect(rfm.cells.reduce((n, c) => n + c.customers, 0)).toBe(10);
    // Recency and frequency are perfectly anti-correlated here: the most recent buyers buy least.
    expect(rfm.cells.map((c) => [c.recency, c.frequency, c.customers])).toEqual([
      [1, 5, 2],
      [2, 4, 2],
      [3, 3, 2],
      [4, 2, 2],
      [5, 1, 2],
    ]);
    expect(rfm.classes).toEqual([
      { name: 'champions', customers: 0, revenue: 0 },
      { name: 'loyal', customers: 2, revenue: rfm.cells[2]!.revenue },
      { name: 'new', customers: 4, revenue: rfm.cells[3]!.revenue + rfm.cells[4]!.revenue },
      { name: 'at_risk', customers: 4, revenue: rfm.cells[0]!.revenue + rfm.cells[1]!.revenue },
      { name: 'hibernating', customers: 0, revenue: 0 },
      { name: 'others', customers: 0, revenue: 0 },
    ]);
  });

  it('RFM honours the segment scope: only its members are counted, scored against the whole base', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    const s = await m.segments.create({
      name: 'FR for RFM',
      rule: { type: 'field', field: 'country', op: 'eq', value: 'FR' },
    });
    const scoped = await m.analytics.rfm({ segmentId: s.id });
    // C5..C9 (FR) are the least recent, most frequent buyers: the two bottom recency quintiles plus one of
    // the middle cell (ntile ties broken by customer id).
    expect(scoped.customers).toBe(5);
    expect(scoped.cells.reduce((n, c) => n + c.customers, 0)).toBe(5);
    expect(scoped.cells.every((c) => c.recency <= 3)).toBe(true);
    const whole = await m.analytics.rfm({});
    expect(whole.customers).toBe(10);
    expect(await codeOf(m.analytics.rfm({ segmentId: '00000000-0000-4000-8000-000000000000' }))).toBe(
      'NOT_FOUND',
    );
  });

  it('reports new and active customers per period', async () => {
    // Customer i first buys in month 10 - i (0-based), so C2, C1 and C0 are new in Sep, Oct and Nov.
    const trend = await callerAs(tdb.db, 'marketer', NOW).analytics.customerTrend({
      period: 'month',
      from: new Date('2026-09-01T00:00:00Z'),
    });
    expect(trend).toEqual([
      { period: '2026-09-01', newCustomers: 1, activeCustomers: 8, purchases: 8, revenue: 160000 },
      { period: '2026-10-01', newCustomers: 1, activeCustomers: 9, purchases: 9, revenue: 360 },
      { period: '2026-11-01', newCustomers: 1, activeCustomers: 10, purchases: 10, revenue: 200000 },
    ]);
  });

  it('is for marketers only', async () => {
    expect(await codeOf(callerAs(tdb.db, 'admin').analytics.rfm({}))).toBe('FORBIDDEN');
    expect(await codeOf(callerAs(tdb.db, 'compliance').analytics.customerTrend({}))).toBe('FORBIDDEN');
    expect(
      await codeOf(
        callerAs(tdb.db, 'marketer').analytics.purchaseBreakdown({ dimension: 'price_band', bands: [5, 1] }),
      ),
    ).toBe('BAD_INPUT');
  });
});
