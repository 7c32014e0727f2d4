// Property test: random data, a snapshot built over it, random writes (new purchases, new customers, changed
// demographics, new and deleted survey answers, deleted purchases, soft- and hard-deleted customers); the snapshot
// refreshed in place (new rows appended by key, customer rows re-read) answers cross-tabs and NPS exactly as a
// snapshot built from scratch and as the SQL statements.
import type { TestDatabase } from '@concord/db/testing';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossTab } from '../../src/crm/analytics/cross-tab.ts';
import { DIMENSIONS, type Dimension } from '../../src/crm/analytics/dimensions.ts';
import { freshSnapshot } from '../../src/crm/analytics/snapshot/load.ts';
import { npsSummary } from '../../src/crm/surveys/scores.ts';
import type { Database } from '../../src/db/database.ts';
import { INCOME_BANDS } from '../../src/db/tables/analytics.table.ts';
import {
  AS_OF,
  customerArb,
  datasetArb,
  type GenCustomer,
  insertScore,
  loadDataset,
  purchaseRow,
} from './analytics-data.ts';
import { openTestDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
beforeAll(async () => {
  tdb = await openTestDb('crm_snapshot_refresh');
});
afterAll(() => tdb.destroy());

const purchaseArb = customerArb(0).map((c) => c.purchases);
const editsArb = fc.record({
  bought: fc.array(fc.tuple(fc.nat(), purchaseArb), { maxLength: 8 }),
  joined: fc.array(fc.integer({ min: 1000, max: 1999 }).chain(customerArb), { maxLength: 3 }),
  incomes: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INCOME_BANDS)), { maxLength: 4 }),
  scores: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 10 })), { maxLength: 8 }),
  returned: fc.array(fc.nat(), { maxLength: 2 }),
  left: fc.array(fc.nat(), { maxLength: 2 }),
  unanswered: fc.array(fc.nat(), { maxLength: 2 }),
  removed: fc.array(fc.nat(), { maxLength: 1 }),
});
type Edits = typeof editsArb extends fc.Arbitrary<infer T> ? T : never;

const answer = (db: Kysely<Database>, survey: string, customer: string, score: number, day: number) =>
  insertScore(db, {
    survey,
    customer,
    at: new Date(AS_OF.getTime() - day * 86_400_000),
    metric: 'nps',
    score,
  });

/** The random writes, each as its own statement (so the log holds every kind). */
async function write(db: Kysely<Database>, ids: string[], survey: string, e: Edits) {
  const pick = (n: number) => ids[n % ids.length]!;
  const rows = e.bought.flatMap(([n, ps]) => ps.map((p) => purchaseRow(pick(n), p)));
  if (rows.length > 0) await db.insertInto('purchase').values(rows).execute();
  for (const c of e.joined) {
    const added = await loadCustomer(db, c);
    ids.push(added);
  }
  for (const [n, band] of e.incomes)
    await db
      .insertInto('customer_demographics')
      .values({ customer_id: pick(n), income_band: band } as never)
      .onConflict((oc) => oc.column('customer_id').doUpdateSet({ income_band: band }))
      .execute();
  for (const [n, score] of e.scores) await answer(db, survey, pick(n), score, n % 400);
  for (const n of e.returned) {
    const p = await db
      .selectFrom('purchase')
      .select('id')
      .where('customer_id', '=', pick(n))
      .executeTakeFirst();
    if (p) await db.deleteFrom('purchase').where('id', '=', p.id).execute();
  }
  for (const n of e.left)
    await db.updateTable('customer').set({ deleted_at: AS_OF }).where('id', '=', pick(n)).execute();
  for (const n of e.removed.filter(() => ids.length > 1)) {
    await db.deleteFrom('customer').where('id', '=', pick(n)).execute(); // with its purchases and answers
    ids.splice(n % ids.length, 1);
  }
  for (const n of e.unanswered)
    await db.deleteFrom('survey_answer').where('customer_id', '=', pick(n)).execute();
}

let joined = 0;
async function loadCustomer(db: Kysely<Database>, c: GenCustomer) {
  const { id } = await db
    .insertInto('customer')
    .values({
      external_id: `${c.externalId}-${++joined}`,
      country: c.country,
      birth_date: c.birthDate,
      attributes: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (c.demo)
    await db
      .insertInto('customer_demographics')
      .values({ customer_id: id, ...c.demo } as never)
      .execute();
  if (c.purchases.length > 0)
    await db
      .insertInto('purchase')
      .values(c.purchases.map((p) => purchaseRow(id, p)))
      .execute();
  return id;
}

async function answers(db: Kysely<Database>, survey: string, ids: string[]) {
  for (let i = 0; i < ids.length; i += 3) await answer(db, survey, ids[i]!, (i * 7) % 11, i % 500);
}

const results = (db: Kysely<Database>, rows: Dimension, cols: Dimension, engine?: 'sql') =>
  Promise.all([
    crossTab(db, { rows, cols, asOf: AS_OF, k: 1, period: 'month', engine }),
    npsSummary(db, { engine }, 'month'),
  ]);

describe('incremental snapshot refresh', () => {
  it('answers as a snapshot built from scratch and as SQL, after random writes', async () => {
    const db = tdb.db;
    await db.deleteFrom('survey').execute();
    const { id: survey } = await db
      .insertInto('survey')
      .values({ key: 'rel', name: 'Relationship', created_by: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const dims = fc.constantFrom(...DIMENSIONS);
    await fc.assert(
      fc.asyncProperty(
        datasetArb(10, 30),
        fc.array(editsArb, { minLength: 1, maxLength: 3 }),
        dims,
        dims,
        async (data, rounds, rows, cols) => {
          const ids = [...(await loadDataset(db, data)).keys()];
          await answers(db, survey, ids);
          await freshSnapshot(db); // built (or caught up with the reload of every customer)
          for (const edits of rounds) {
            await write(db, ids, survey, edits);
            const incremental = await results(db, rows, cols);
            const scratch = await results(db.withoutPlugins(), rows, cols);
            expect(incremental).toEqual(scratch);
            expect(incremental).toEqual(await results(db, rows, cols, 'sql'));
          }
        },
      ),
      { numRuns: 25, seed: 1801 },
    );
  });
});
