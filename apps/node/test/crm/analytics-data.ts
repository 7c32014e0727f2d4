// Random analytical data for property tests: customers with (partly missing) demographics and purchases that vary
// supplier, brand, category, price and time; plus a loader that writes it straight into the tables.
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { EDUCATION_LEVELS, INCOME_BANDS, SEXES } from '../../src/db/tables/analytics.table.ts';

export const AS_OF = new Date('2026-11-22T12:00:00.000Z');
const DAY = 86_400_000;

export interface GenPurchase {
  product: string;
  category: string | null;
  supplier: string | null;
  brand: string | null;
  price: number;
  cost: number | null;
  at: Date;
}

export interface GenCustomer {
  externalId: string;
  deleted: boolean;
  country: string | null;
  birthDate: string | null;
  demo: {
    sex: string | null;
    income_band: string | null;
    education: string | null;
    household_size: number | null;
    region: string | null;
  } | null;
  purchases: GenPurchase[];
}

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });

const purchaseArb: fc.Arbitrary<GenPurchase> = fc.record({
  product: fc.constantFrom('sedan', 'tyres', 'policy', 'loan'),
  category: maybe(fc.constantFrom('car', 'insurance', 'bank')),
  supplier: maybe(fc.constantFrom('Acme', 'Globex', 'Initech')),
  brand: maybe(fc.constantFrom('Zeta', 'Ypsilon')),
  price: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom(49.99, 500, 1000, 25_000)),
  cost: maybe(fc.integer({ min: 0, max: 100 })),
  at: fc.integer({ min: 0, max: 800 }).map((d) => new Date(AS_OF.getTime() - d * DAY - 3_600_000)),
});

export const customerArb = (i: number): fc.Arbitrary<GenCustomer> =>
  fc.record({
    externalId: fc.constant(`C${i}`),
    deleted: fc.integer({ min: 0, max: 14 }).map((n) => n === 0),
    country: maybe(fc.constantFrom('DE', 'FR', 'AT')),
    // Birthdays on and around the evaluation day test the completed-years edge.
    birthDate: maybe(
      fc.oneof(
        fc
          .date({ min: new Date('1930-01-01'), max: new Date('2015-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        fc.constantFrom('2001-11-22', '2001-11-23', '1961-11-22', '2008-11-23', '1991-11-21'),
      ),
    ),
    demo: maybe(
      fc.record({
        sex: maybe(fc.constantFrom(...SEXES)),
        income_band: maybe(fc.constantFrom(...INCOME_BANDS)),
        education: maybe(fc.constantFrom(...EDUCATION_LEVELS)),
        household_size: maybe(fc.integer({ min: 1, max: 6 })),
        region: maybe(fc.constantFrom('North', 'South', 'Île-de-France')),
      }),
    ),
    purchases: fc.array(purchaseArb, { maxLength: 6 }),
  });

export const datasetArb = (min = 20, max = 60) =>
  fc.integer({ min, max }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => customerArb(i))));

/** A generated purchase as a `purchase` row of `customer_id`. */
export const purchaseRow = (customer_id: string, p: GenPurchase) => ({
  customer_id,
  product: p.product,
  category: p.category,
  supplier: p.supplier,
  brand: p.brand,
  price: p.price,
  cost: p.cost,
  purchased_at: p.at,
});

/** One NPS or CSAT score: a survey response and its one answer (question key = the metric). */
export async function insertScore(
  db: Kysely<Database>,
  s: { survey: string; customer: string; at: Date; metric: 'nps' | 'csat'; score: number },
): Promise<void> {
  const r = await db
    .insertInto('survey_response')
    .values({
      survey_id: s.survey,
      customer_id: s.customer,
      responded_at: s.at,
      external_id: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('survey_answer')
    .values({
      ...{ response_id: r.id, question_key: s.metric, survey_id: s.survey, customer_id: s.customer },
      ...{ responded_at: s.at, kind: s.metric, score: s.score, choices: null, text: null },
    })
    .execute();
}

/** Replaces every customer (and, by cascade, history) with `data`; returns customer id → generated customer. */
export async function loadDataset(
  db: Kysely<Database>,
  data: GenCustomer[],
): Promise<Map<string, GenCustomer>> {
  await db.deleteFrom('customer').execute();
  const inserted = await db
    .insertInto('customer')
    .values(
      data.map((c) => ({
        external_id: c.externalId,
        country: c.country,
        birth_date: c.birthDate,
        attributes: '{}',
        deleted_at: c.deleted ? AS_OF : null,
      })),
    )
    .returning(['id', 'external_id'])
    .execute();
  const byExternal = new Map(data.map((c) => [c.externalId, c]));
  const out = new Map(inserted.map((r) => [r.id, byExternal.get(r.external_id)!]));
  const demos = inserted.flatMap((r) => {
    const d = byExternal.get(r.external_id)!.demo;
    return d ? [{ customer_id: r.id, ...d } as never] : [];
  });
  if (demos.length > 0) await db.insertInto('customer_demographics').values(demos).execute();
  const purchases = inserted.flatMap((r) =>
    byExternal.get(r.external_id)!.purchases.map((p) => purchaseRow(r.id, p)),
  );
  for (let i = 0; i < purchases.length; i += 1000)
    await db
      .insertInto('purchase')
      .values(purchases.slice(i, i + 1000))
      .execute();
  return out;
}

/** Reference age band: completed years on `asOf`'s UTC day, banded as documented (null: no or a future birth date). */
export function refAgeBand(birth: string | null, asOf: Date = AS_OF): string | null {
  if (birth === null) return null;
  const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
  const month = asOf.getUTCMonth() + 1;
  const age = asOf.getUTCFullYear() - y - (month < m || (month === m && asOf.getUTCDate() < d) ? 1 : 0);
  if (age < 0) return null;
  const bands: Array<[number, string]> = [
    [65, '65+'],
    [55, '55-64'],
    [45, '45-54'],
    [35, '35-44'],
    [25, '25-34'],
    [18, '18-24'],
    [0, '0-17'],
  ];
  return bands.find(([lo]) => age >= lo)![1];
}
