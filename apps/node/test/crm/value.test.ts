// Customer value: margin-aware revenue, CLV and profitability tiers against a reference computation on random
// data; each policy parameter changes the outcome; value tiers work in segments and cross-tabs.
import type { TestDatabase } from '@concord/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { AS_OF, datasetArb, type GenCustomer, loadDataset } from './analytics-data.ts';
import { callerAs, openTestDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
beforeAll(async () => {
  tdb = await openTestDb('crm_value');
});
afterAll(() => tdb.destroy());

const monthsBack = (n: number) => {
  const d = new Date(AS_OF);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d;
};

/** The documented method, computed independently: see docs/crm.md "Customer value". */
function reference(data: GenCustomer[], p: { rate: number; d: number; top: number; tail: number }) {
  const live = data.filter((c) => !c.deleted && c.purchases.length > 0);
  const margin = (x: GenCustomer['purchases'][number]) =>
    x.cost === null ? x.price * p.rate : x.price - x.cost;
  const y1 = monthsBack(12);
  const y2 = monthsBack(24);
  const before = live.filter((c) => c.purchases.some((x) => x.at > y2 && x.at <= y1));
  const kept = before.filter((c) => c.purchases.some((x) => x.at > y1));
  const r = before.length === 0 ? 0 : kept.length / before.length;
  const rows = live.map((c) => {
    const m = c.purchases.reduce((s, x) => s + margin(x), 0);
    const m12 = c.purchases.filter((x) => x.at > y1).reduce((s, x) => s + margin(x), 0);
    return { c, margin: m, clv: (Math.max(m12, 0) * r) / (1 + p.d - r) };
  });
  return { r, rows };
}

describe('customer value', () => {
  it('matches the reference computation (margins, retention, CLV) and tier shares', async () => {
    for (const seed of [11, 12, 13]) {
      const [data] = fc.sample(datasetArb(40, 80), { numRuns: 1, seed });
      const ids = await loadDataset(tdb.db, data!);
      const m = callerAs(tdb.db, 'marketer', AS_OF);
      const refreshed = await m.value.refresh();
      const ref = reference(data!, { rate: 0.25, d: 0.1, top: 0.2, tail: 0.3 });
      expect(refreshed.retentionRate).toBeCloseTo(ref.r, 10);
      expect(refreshed.customers).toBe(ref.rows.length);
      const stored = await tdb.db.selectFrom('customer_value').selectAll().execute();
      const byCustomer = new Map(stored.map((v) => [ids.get(v.customer_id)!, v]));
      for (const row of ref.rows) {
        const v = byCustomer.get(row.c)!;
        expect(Number(v.margin)).toBeCloseTo(row.margin, 1);
        expect(Math.abs(Number(v.clv) - row.clv)).toBeLessThanOrEqual(0.0051 + row.clv * 1e-9);
      }
      const n = ref.rows.length;
      const count = (t: string) => stored.filter((v) => v.tier === t).length;
      expect(count('top')).toBe(Math.ceil(n * 0.2));
      expect(count('tail')).toBe(Math.floor(n * 0.3));
      // Every top customer earns at least as much margin as every middle one, and middle ≥ tail.
      const min = (t: string) => Math.min(...stored.filter((v) => v.tier === t).map((v) => Number(v.margin)));
      const max = (t: string) => Math.max(...stored.filter((v) => v.tier === t).map((v) => Number(v.margin)));
      if (count('middle') > 0) expect(min('top')).toBeGreaterThanOrEqual(max('middle'));
      if (count('middle') > 0 && count('tail') > 0) expect(min('middle')).toBeGreaterThanOrEqual(max('tail'));
    }
  });

  it('each policy parameter changes the outcome; value tiers work in segments and cross-tabs', async () => {
    const [data] = fc.sample(datasetArb(60, 60), { numRuns: 1, seed: 21 });
    await loadDataset(tdb.db, data!);
    const compliance = callerAs(tdb.db, 'compliance', AS_OF);
    const m = callerAs(tdb.db, 'marketer', AS_OF);
    const total = async () => {
      await m.value.refresh();
      const s = await m.value.summary();
      return {
        margin: s.tiers.reduce((a, t) => a + t.margin, 0),
        clv: s.tiers.reduce((a, t) => a + t.clv, 0),
        top: s.tiers[0]!.customers,
      };
    };
    const base = await total();
    await compliance.analytics.setPolicy({ defaultMarginRate: 0.5 });
    const richer = await total();
    expect(richer.margin).toBeGreaterThan(base.margin);
    await compliance.analytics.setPolicy({ defaultMarginRate: 0.25, clvDiscountRate: 0.5 });
    const discounted = await total();
    expect(discounted.margin).toBeCloseTo(base.margin, 2);
    if (base.clv > 0) expect(discounted.clv).toBeLessThan(base.clv);
    await compliance.analytics.setPolicy({ clvDiscountRate: 0.1, valueTopShare: 0.5, valueTailShare: 0.2 });
    const wide = await total();
    expect(wide.top).toBeGreaterThan(base.top);
    const preview = await m.segments.preview({ rule: { type: 'value_tier', tiers: ['top'] } });
    expect(preview.count).toBe(wide.top);
    await compliance.analytics.setPolicy({ minCellSize: 2 });
    const tab = await m.analytics.crossTab({ rows: 'value_tier' });
    expect(tab.cells.find((c) => c.row === 'top')?.customers).toBe(wide.top);
  });
});
