// analytics.crossTab against an independent in-test computation on random data; k suppression of every small cell;
// changing only the node's k changes what is suppressed; marketers never see one customer's demographics.
import type { TestDatabase } from '@concord/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossTab } from '../../src/crm/analytics/cross-tab.ts';
import { DIMENSIONS, type Dimension } from '../../src/crm/analytics/dimensions.ts';
import { compileSegment } from '../../src/crm/segments/compile.ts';
import type { SegmentRule } from '../../src/crm/segments/rule.ts';
import type { Database } from '../../src/db/database.ts';
import { INCOME_BANDS } from '../../src/db/tables/analytics.table.ts';
import { codeOf } from '../code-of.ts';
import {
  AS_OF,
  datasetArb,
  type GenCustomer,
  type GenPurchase,
  loadDataset,
  refAgeBand,
} from './analytics-data.ts';
import { callerAs, openTestDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
beforeAll(async () => {
  tdb = await openTestDb('crm_cross_tab');
});
afterAll(() => tdb.destroy());

const BANDS = [0, 50, 100, 500, 1000, 5000, 10000, 50000];
const CAR = { product: 'sedan', category: 'car', supplier: null, brand: null, price: 10, cost: null };

// ---- reference ------------------------------------------------------------------------------------------
function refBand(price: number): string {
  let i = -1;
  for (let b = 0; b < BANDS.length; b++) if (price >= BANDS[b]!) i = b;
  const lo = BANDS[i]!;
  const hi = BANDS[i + 1];
  return hi === undefined ? `${lo}+` : `${lo}–${hi}`;
}
function refValue(d: Dimension, c: GenCustomer, p: GenPurchase): string {
  const v = (() => {
    switch (d) {
      case 'age_band':
        return refAgeBand(c.birthDate);
      case 'sex':
      case 'income_band':
      case 'education':
      case 'region':
        return c.demo?.[d] ?? null;
      case 'household_size':
        return c.demo?.household_size === null || c.demo === null ? null : String(c.demo.household_size);
      case 'country':
        return c.country;
      case 'price_band':
        return refBand(p.price);
      case 'period':
        return `${p.at.toISOString().slice(0, 7)}-01`;
      case 'product':
      case 'category':
      case 'supplier':
      case 'brand':
        return p[d];
      default:
        return null; // loyalty and value tiers: nobody is a member or valued in this data
    }
  })();
  return v ?? '(unknown)';
}

interface RefCell {
  purchases: number;
  customers: Set<GenCustomer>;
  revenue: number;
}
function reference(data: GenCustomer[], rows: Dimension, cols: Dimension | undefined) {
  const cells = new Map<string, RefCell>();
  for (const c of data) {
    if (c.deleted) continue;
    for (const p of c.purchases) {
      const key = `${refValue(rows, c, p)}\u0000${cols ? refValue(cols, c, p) : ''}`;
      const cell = cells.get(key) ?? { purchases: 0, customers: new Set(), revenue: 0 };
      cell.purchases++;
      cell.customers.add(c);
      cell.revenue += p.price;
      cells.set(key, cell);
    }
  }
  return cells;
}

type Got = Awaited<ReturnType<typeof crossTab>>;
/** Every cell equals the reference's, and every cell under k is suppressed (complementary ones too). */
function expectReference(got: Got, want: Map<string, RefCell>, k: number): void {
  expect(got.cells.length).toBe(want.size);
  for (const cell of got.cells) {
    const ref = want.get(`${cell.row}\u0000${cell.col}`);
    expect(ref, `cell ${cell.row}/${cell.col}`).toBeDefined();
    if (ref!.customers.size < k) expect(cell.suppressed?.reason).toBe('below_k');
    if (cell.suppressed) {
      expect([cell.purchases, cell.customers, cell.revenue, cell.averageBasket]).toEqual([
        null,
        null,
        null,
        null,
      ]);
      continue;
    }
    expect(cell.customers).toBeGreaterThanOrEqual(k);
    expect(cell.purchases).toBe(ref!.purchases);
    expect(cell.customers).toBe(ref!.customers.size);
    expect(cell.revenue).toBeCloseTo(ref!.revenue, 2);
    // Rounded to cents: off by at most half a cent.
    expect(Math.abs(cell.averageBasket! - ref!.revenue / ref!.purchases)).toBeLessThanOrEqual(0.0051);
  }
  // No row or column leaves exactly one cell hidden among several (it would be derivable from totals).
  for (const line of [
    ...got.rows.map((r) => got.cells.filter((c) => c.row === r)),
    ...got.cols.map((c) => got.cells.filter((x) => x.col === c)),
  ]) {
    if (line.length > 1) expect(line.filter((c) => c.suppressed).length).not.toBe(1);
  }
}

const dimArb = fc.constantFrom(...DIMENSIONS);

describe('cross-tab vs reference on random data', () => {
  for (let d = 0; d < 4; d++) {
    it(`agrees on data set #${d + 1}, suppresses every cell under k`, async () => {
      const [data] = fc.sample(datasetArb(30, 70), { numRuns: 1, seed: 500 + d });
      await loadDataset(tdb.db, data!);
      await fc.assert(
        fc.asyncProperty(
          dimArb,
          fc.option(dimArb, { nil: undefined }),
          fc.integer({ min: 1, max: 6 }),
          async (rows, cols, k) => {
            const got = await crossTab(tdb.db, { rows, cols, asOf: AS_OF, k, bands: BANDS, period: 'month' });
            const want = reference(data!, rows, cols);
            // The in-process snapshot (default) and the original SQL statement give the same cells in the same order.
            expect(
              await crossTab(tdb.db, {
                rows,
                cols,
                asOf: AS_OF,
                k,
                bands: BANDS,
                period: 'month',
                engine: 'sql',
              }),
            ).toEqual(got);
            expectReference(got, want, k);
          },
        ),
        { numRuns: 40, seed: 900 + d },
      );
    });
  }
});

type Member = (c: GenCustomer) => boolean;
const among = (values: readonly string[]) => (v: string | null | undefined) =>
  v != null && values.includes(v);
/** A segment rule of each compiled shape (a customer-row WHERE, a purchase set, a demographic set), maybe negated. */
const segmentArb: fc.Arbitrary<[SegmentRule, Member]> = fc
  .oneof(
    fc
      .subarray(['DE', 'FR', 'AT'], { minLength: 1 })
      .map((values): [SegmentRule, Member] => [
        { type: 'field', field: 'country', op: 'in', values },
        (c) => among(values)(c.country),
      ]),
    fc
      .subarray(['car', 'insurance', 'bank'], { minLength: 1 })
      .map((category): [SegmentRule, Member] => [
        { type: 'purchases', category },
        (c) => c.purchases.some((p) => among(category)(p.category)),
      ]),
    fc
      .subarray([...INCOME_BANDS], { minLength: 1 })
      .map((values): [SegmentRule, Member] => [
        { type: 'demographic', field: 'income_band', op: 'in', values },
        (c) => among(values)(c.demo?.income_band),
      ]),
  )
  .chain(([rule, member]) =>
    fc
      .boolean()
      .map((negate): [SegmentRule, Member] =>
        negate ? [{ type: 'not', rule }, (c) => !member(c)] : [rule, member],
      ),
  );

describe('segment-scoped cross-tab vs reference on random data', () => {
  it('agrees with the reference over the members, also after a member changes (cached members re-checked)', async () => {
    const [data] = fc.sample(datasetArb(40, 60), { numRuns: 1, seed: 611 });
    const byId = await loadDataset(tdb.db, data!);
    const ids = [...byId.keys()];
    await fc.assert(
      fc.asyncProperty(
        segmentArb,
        dimArb,
        fc.option(dimArb, { nil: undefined }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat(),
        async ([rule, member], rows, cols, k, pick) => {
          const segmentIds = compileSegment(tdb.db, rule, AS_OF);
          const opts = { rows, cols, asOf: AS_OF, k, bands: BANDS, period: 'month' as const, segmentIds };
          const check = async () => {
            const got = await crossTab(tdb.db, opts);
            expect(await crossTab(tdb.db, { ...opts, engine: 'sql' })).toEqual(got);
            expectReference(got, reference(data!.filter(member), rows, cols), k);
          };
          await check();
          // One customer moves country and buys a car: its membership may change; the others' may not.
          const id = ids[pick % ids.length]!;
          const c = byId.get(id)!;
          c.country = c.country === 'DE' ? 'AT' : 'DE';
          const p = { ...CAR, at: new Date(AS_OF.getTime() - 3_600_000) };
          c.purchases.push(p);
          await tdb.db.updateTable('customer').set({ country: c.country }).where('id', '=', id).execute();
          await tdb.db
            .insertInto('purchase')
            .values({
              customer_id: id,
              product: p.product,
              category: p.category,
              price: p.price,
              purchased_at: p.at,
            })
            .execute();
          await check();
        },
      ),
      { numRuns: 30, seed: 612 },
    );
  });
});

describe('the node k', () => {
  it('changing only k changes which cells are suppressed', async () => {
    const [data] = fc.sample(datasetArb(60, 60), { numRuns: 1, seed: 77 });
    await loadDataset(tdb.db, data!);
    const compliance = callerAs(tdb.db, 'compliance', AS_OF);
    const marketer = callerAs(tdb.db, 'marketer', AS_OF);
    const hidden = async () =>
      (await marketer.analytics.crossTab({ rows: 'income_band', cols: 'sex' })).cells.filter(
        (c) => c.suppressed,
      ).length;
    await compliance.analytics.setPolicy({ minCellSize: 2 });
    const atTwo = await hidden();
    await compliance.analytics.setPolicy({ minCellSize: 8 });
    const atEight = await hidden();
    expect(atEight).toBeGreaterThan(atTwo);
    const tab = await marketer.analytics.crossTab({ rows: 'income_band', cols: 'sex' });
    expect(tab.k).toBe(8);
    expect(tab.sensitive).toBe(true);
    expect(tab.cells.filter((c) => !c.suppressed).every((c) => c.customers! >= 8)).toBe(true);
  });

  it('only compliance sets the policy; marketers read it but never one customer’s demographics', async () => {
    expect(await codeOf(callerAs(tdb.db, 'marketer', AS_OF).analytics.setPolicy({ minCellSize: 3 }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(callerAs(tdb.db, 'admin', AS_OF).analytics.setPolicy({ minCellSize: 3 }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(callerAs(tdb.db, 'compliance', AS_OF).analytics.setPolicy({ minCellSize: 1 }))).toBe(
      'BAD_INPUT',
    );
    const id = (await tdb.db.selectFrom('customer').select('id').executeTakeFirstOrThrow()).id;
    expect(await codeOf(callerAs(tdb.db, 'marketer', AS_OF).demographics.get({ customerId: id }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(callerAs(tdb.db, 'admin', AS_OF).demographics.get({ customerId: id }))).toBe('OK');
  });

  it('a cell trend: the same cell by period, filtered on both keys', async () => {
    const marketer = callerAs(tdb.db, 'marketer', AS_OF);
    await callerAs(tdb.db, 'compliance', AS_OF).analytics.setPolicy({ minCellSize: 2 });
    const tab = await marketer.analytics.crossTab({ rows: 'category', cols: 'supplier' });
    const cell = tab.cells.find((c) => !c.suppressed)!;
    const trend = await marketer.analytics.crossTab({
      rows: 'period',
      filters: [
        { dimension: 'category', values: [cell.row] },
        { dimension: 'supplier', values: [cell.col] },
      ],
    });
    const purchases = trend.cells.reduce((s, c) => s + (c.purchases ?? 0), 0);
    const hidden = trend.cells.some((c) => c.suppressed);
    if (!hidden) expect(purchases).toBe(cell.purchases);
    else expect(purchases).toBeLessThan(cell.purchases!);
  });
});
