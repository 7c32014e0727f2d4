// Property test: on small random data, the compiled SQL of random segment rules selects exactly the customers
// an in-test reference evaluation (plain JavaScript over the same data) selects; so does the analytics snapshot's
// in-memory evaluator for the rules it covers, at several instants.
import type { TestDatabase } from '@concord/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSnapshot } from '../../src/crm/analytics/snapshot/load.ts';
import { snapshotCovers } from '../../src/crm/analytics/snapshot/rule-coverage.ts';
import { ruleMask } from '../../src/crm/analytics/snapshot/rule-eval.ts';
import type { Snapshot } from '../../src/crm/analytics/snapshot/store.ts';
import { compileSegment } from '../../src/crm/segments/compile.ts';
import { CUSTOMER_FIELDS, type Range, SegmentRule } from '../../src/crm/segments/rule.ts';
import type { Database } from '../../src/db/database.ts';
import { insertScore, refAgeBand } from './analytics-data.ts';
import { openTestDb } from './helpers.ts';

const DAY = 86_400_000;
const AS_OF = new Date('2026-11-22T12:00:00.000Z');

interface RefPurchase {
  category: string | null;
  product: string;
  price: number;
  at: Date;
}
interface RefInteraction {
  kind: 'service_case' | 'contact';
  at: Date;
  closed: boolean;
  product: string | null;
  outcome: string | null;
  channel: string | null;
  direction: 'inbound' | 'outbound' | null;
  deleted: boolean;
}
interface RefAnalytics {
  birthDate: string | null;
  demo: { sex: string | null; income_band: string | null; region: string | null } | null;
  scores: Array<{ survey: 'rel' | 'svc'; metric: 'nps' | 'csat'; score: number; at: Date }>;
  loyalty: { tier: string | null; points: number[] } | null;
  valueTier: 'top' | 'middle' | 'tail' | null;
}
interface RefCustomer {
  externalId: string;
  analytics: RefAnalytics;
  fields: Record<(typeof CUSTOMER_FIELDS)[number], string | null>;
  attributes: Record<string, string>;
  deleted: boolean;
  emails: number;
  phones: number;
  purchases: RefPurchase[];
  interactions: RefInteraction[];
}

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });
const SMALL_TEXT = fc.constantFrom('a', 'ab', 'b', 'ba', '');
const CATEGORIES = ['car', 'mortgage', 'home'];
const PRODUCTS = ['p1', 'p2', 'p3'];
const DAYS_AGO = fc.oneof(fc.constantFrom(0, 1, 30, 90, 365), fc.integer({ min: 0, max: 400 }));
const at = (daysAgo: number, hours: number) => new Date(AS_OF.getTime() - daysAgo * DAY - hours * 3_600_000);

const purchaseArb: fc.Arbitrary<RefPurchase> = fc.record({
  category: maybe(fc.constantFrom(...CATEGORIES)),
  product: fc.constantFrom(...PRODUCTS),
  price: fc.integer({ min: 0, max: 120 }),
  at: fc.tuple(DAYS_AGO, fc.constantFrom(0, 0, 5, -5)).map(([d, h]) => at(d, h)),
});

const interactionArb: fc.Arbitrary<RefInteraction> = fc.record({
  kind: fc.constantFrom('service_case' as const, 'contact' as const),
  at: DAYS_AGO.map((d) => at(d, 0)),
  closed: fc.boolean(),
  product: maybe(fc.constantFrom(...PRODUCTS)),
  outcome: maybe(fc.constantFrom('repaired', 'refunded')),
  channel: maybe(fc.constantFrom('phone', 'email')),
  direction: maybe(fc.constantFrom('inbound' as const, 'outbound' as const)),
  deleted: fc.boolean().map((b) => b && Math.random() < 0.3),
});

const analyticsArb: fc.Arbitrary<RefAnalytics> = fc.record({
  birthDate: maybe(
    fc.constantFrom('1990-11-22', '1992-11-23', '2008-11-22', '2008-11-23', '1961-01-01', '2001-06-30'),
  ),
  demo: maybe(
    fc.record({
      sex: maybe(fc.constantFrom('female', 'male', 'diverse')),
      income_band: maybe(fc.constantFrom('lt_20k', '40k_60k', '100k_plus')),
      region: maybe(fc.constantFrom('North', 'South')),
    }),
  ),
  scores: fc.array(
    fc.oneof(
      fc.record({
        survey: fc.constantFrom('rel' as const, 'svc' as const),
        metric: fc.constant('nps' as const),
        score: fc.integer({ min: 0, max: 10 }),
        at: DAYS_AGO.map((d) => at(d, 1)),
      }),
      fc.record({
        survey: fc.constantFrom('rel' as const, 'svc' as const),
        metric: fc.constant('csat' as const),
        score: fc.integer({ min: 1, max: 5 }),
        at: DAYS_AGO.map((d) => at(d, 1)),
      }),
    ),
    { maxLength: 3 },
  ),
  loyalty: maybe(
    fc.record({
      tier: maybe(fc.constantFrom('silver', 'gold')),
      points: fc.array(fc.integer({ min: -300, max: 500 }), { maxLength: 3 }),
    }),
  ),
  valueTier: maybe(fc.constantFrom('top' as const, 'middle' as const, 'tail' as const)),
});

const customerArb = (i: number): fc.Arbitrary<RefCustomer> =>
  fc.record({
    externalId: fc.constant(`X${i}`),
    analytics: analyticsArb,
    fields: fc.record({
      external_id: fc.constant(`X${i}`),
      first_name: maybe(SMALL_TEXT),
      last_name: maybe(SMALL_TEXT),
      postal_code: maybe(fc.constantFrom('10115', '20095')),
      city: maybe(SMALL_TEXT),
      country: maybe(fc.constantFrom('DE', 'FR', 'AT')),
    }),
    attributes: fc
      .record(
        {
          tier: fc.constantFrom('gold', 'silver', 'a'),
          score: fc.constantFrom('1', '2.5', '10', 'x', '-3', '1e3'),
        },
        { requiredKeys: [] },
      )
      .map((a) => ({ ...a }) as Record<string, string>),
    deleted: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    emails: fc.integer({ min: 0, max: 2 }),
    phones: fc.integer({ min: 0, max: 1 }),
    purchases: fc.array(purchaseArb, { maxLength: 5 }),
    interactions: fc.array(interactionArb, { maxLength: 3 }),
  });

const datasetArb = fc
  .integer({ min: 8, max: 16 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => customerArb(i))));

const rangeArb: fc.Arbitrary<Range> = fc
  .record(
    { min: fc.constantFrom(0, 1, 2, 50, 100), max: fc.constantFrom(0, 1, 2, 3, 100, 200) },
    { requiredKeys: [] },
  )
  .filter((r) => r.min === undefined || r.max === undefined || r.min <= r.max);
const listOf = (values: string[]) =>
  fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 2 });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const purchasesLeafArb: fc.Arbitrary<SegmentRule> = fc.record(
  {
    type: fc.constant('purchases' as const),
    category: opt(listOf(CATEGORIES)),
    product: opt(listOf(PRODUCTS)),
    withinDays: opt(fc.constantFrom(1, 30, 90, 365)),
    count: opt(rangeArb),
    total: opt(rangeArb),
  },
  { requiredKeys: ['type'] },
);
const surveyScoreLeafArb: fc.Arbitrary<SegmentRule> = fc.record(
  {
    type: fc.constant('survey_score' as const),
    metric: fc.constantFrom('nps' as const, 'csat' as const),
    survey: opt(listOf(['rel', 'svc', 'none'])),
    score: opt(
      fc
        .record({ min: fc.constantFrom(0, 3, 7, 9), max: fc.constantFrom(2, 4, 6, 10) }, { requiredKeys: [] })
        .filter((r) => r.min === undefined || r.max === undefined || r.min <= r.max),
    ),
    withinDays: opt(fc.constantFrom(1, 30, 90, 365)),
  },
  { requiredKeys: ['type', 'metric'] },
);

const leafArb: fc.Arbitrary<SegmentRule> = fc.oneof(
  fc.record({
    type: fc.constant('field' as const),
    field: fc.constantFrom(...CUSTOMER_FIELDS),
    op: fc.constantFrom('eq' as const, 'neq' as const, 'contains' as const),
    value: fc.constantFrom('a', 'ab', 'b', '', 'DE', 'FR', '10115', 'X1'),
  }),
  fc.record({
    type: fc.constant('field' as const),
    field: fc.constantFrom(...CUSTOMER_FIELDS),
    op: fc.constant('in' as const),
    values: listOf(['a', 'b', 'DE', 'AT', 'X2']),
  }),
  fc.record({
    type: fc.constant('field' as const),
    field: fc.constantFrom(...CUSTOMER_FIELDS),
    op: fc.constantFrom('is_set' as const, 'is_not_set' as const),
  }),
  fc.record({
    type: fc.constant('attribute' as const),
    key: fc.constantFrom('tier', 'score', 'missing'),
    op: fc.constantFrom('eq' as const, 'neq' as const, 'contains' as const),
    value: fc.constantFrom('gold', 'a', '1', ''),
  }),
  fc.record({
    type: fc.constant('attribute' as const),
    key: fc.constantFrom('tier', 'score'),
    op: fc.constantFrom('is_set' as const, 'is_not_set' as const),
  }),
  fc.record({
    type: fc.constant('attribute' as const),
    key: fc.constantFrom('score', 'tier'),
    op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const),
    number: fc.constantFrom(0, 1, 2.5, 10, -3),
  }),
  purchasesLeafArb,
  fc.record(
    {
      type: fc.constant('service_case' as const),
      state: fc.constantFrom('open' as const, 'closed' as const, 'any' as const),
      product: opt(listOf(PRODUCTS)),
      outcome: opt(listOf(['repaired', 'refunded'])),
      withinDays: opt(fc.constantFrom(1, 30, 90, 365)),
    },
    { requiredKeys: ['type', 'state'] },
  ),
  fc.record(
    {
      type: fc.constant('contact' as const),
      channel: opt(listOf(['phone', 'email'])),
      direction: opt(fc.constantFrom('inbound' as const, 'outbound' as const)),
      withinDays: opt(fc.constantFrom(1, 30, 90, 365)),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record({
    type: fc.constant('has_identifier' as const),
    kind: fc.constantFrom('email' as const, 'phone' as const),
  }),
  fc.record({
    type: fc.constant('demographic' as const),
    field: fc.constantFrom('sex' as const, 'income_band' as const, 'region' as const, 'age_band' as const),
    op: fc.constant('in' as const),
    values: listOf(['female', 'male', 'lt_20k', '100k_plus', 'North', '18-24', '35-44', '0-17', '65+']),
  }),
  fc.record({
    type: fc.constant('demographic' as const),
    field: fc.constantFrom('sex' as const, 'income_band' as const, 'region' as const, 'age_band' as const),
    op: fc.constantFrom('is_set' as const, 'is_not_set' as const),
  }),
  surveyScoreLeafArb,
  fc.record(
    {
      type: fc.constant('loyalty' as const),
      tier: opt(listOf(['silver', 'gold'])),
      points: opt(
        fc
          .record(
            { min: fc.constantFrom(-100, 0, 1, 200), max: fc.constantFrom(0, 100, 500) },
            { requiredKeys: [] },
          )
          .filter((r) => r.min === undefined || r.max === undefined || r.min <= r.max),
      ),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record({
    type: fc.constant('value_tier' as const),
    tiers: fc.uniqueArray(fc.constantFrom('top' as const, 'middle' as const, 'tail' as const), {
      minLength: 1,
      maxLength: 2,
    }),
  }),
);

/** Random and / or / not trees over `leaf`. */
const treeOf = (leaf: fc.Arbitrary<SegmentRule>): fc.Arbitrary<SegmentRule> =>
  fc.letrec<{ rule: SegmentRule }>((tie) => ({
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({
        type: fc.constant('and' as const),
        rules: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        type: fc.constant('or' as const),
        rules: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }),
      }),
      fc.record({ type: fc.constant('not' as const), rule: tie('rule') }),
    ),
  })).rule;

const ruleArb = treeOf(leafArb);
/** Rules the analytics snapshot evaluates by itself (every leaf covered, crm/analytics/snapshot/rule-coverage.ts). */
const coveredRuleArb = treeOf(
  // Windowed leaves once more, so time windows often cut exactly at a purchase or an answer (see INSTANTS).
  fc.oneof(leafArb.filter(snapshotCovers), purchasesLeafArb, surveyScoreLeafArb.filter(snapshotCovers)),
);

// ---- reference evaluation -------------------------------------------------------------------------------

const inRange = (n: number, r: Range | undefined) =>
  (r?.min === undefined || n >= r.min) && (r?.max === undefined || n <= r.max);
const NUMERIC = /^-?[0-9]+(\.[0-9]+)?$/;

function text(
  v: string | null | undefined,
  rule: { op: string; value?: string; values?: string[] },
): boolean {
  const isSet = v !== null && v !== undefined;
  switch (rule.op) {
    case 'eq':
      return isSet && v === rule.value;
    case 'neq':
      return !isSet || v !== rule.value;
    case 'in':
      return isSet && rule.values!.includes(v);
    case 'contains':
      return isSet && v.includes(rule.value!);
    case 'is_set':
      return isSet;
    case 'is_not_set':
      return !isSet;
  }
  throw new Error(rule.op);
}

function evaluate(rule: SegmentRule, c: RefCustomer, asOf: Date = AS_OF): boolean {
  const cutoff = (days: number | undefined) => (days ? new Date(asOf.getTime() - days * DAY) : null);
  switch (rule.type) {
    case 'and':
      return rule.rules.every((r) => evaluate(r, c, asOf));
    case 'or':
      return rule.rules.some((r) => evaluate(r, c, asOf));
    case 'not':
      return !evaluate(rule.rule, c, asOf);
    case 'field':
      return text(c.fields[rule.field], rule as never);
    case 'attribute': {
      const v = c.attributes[rule.key];
      if (rule.op === 'gt' || rule.op === 'gte' || rule.op === 'lt' || rule.op === 'lte') {
        if (v === undefined || !NUMERIC.test(v)) return false;
        const n = Number(v);
        const x = rule.number!;
        return { gt: n > x, gte: n >= x, lt: n < x, lte: n <= x }[rule.op];
      }
      return text(v, rule as never);
    }
    case 'purchases': {
      const from = cutoff(rule.withinDays);
      const matching = c.purchases.filter(
        (p) =>
          (!rule.category || (p.category !== null && rule.category.includes(p.category))) &&
          (!rule.product || rule.product.includes(p.product)) &&
          (!from || p.at >= from),
      );
      const total = matching.reduce((s, p) => s + p.price, 0);
      return (
        inRange(matching.length, rule.count ?? { min: 1 }) &&
        (matching.length === 0 ? inRange(0, rule.total) : inRange(total, rule.total))
      );
    }
    case 'service_case': {
      const from = cutoff(rule.withinDays);
      return c.interactions.some(
        (i) =>
          i.kind === 'service_case' &&
          !i.deleted &&
          (rule.state === 'any' || (rule.state === 'open' ? !i.closed : i.closed)) &&
          (!rule.product || (i.product !== null && rule.product.includes(i.product))) &&
          (!rule.outcome || (i.outcome !== null && rule.outcome.includes(i.outcome))) &&
          (!from || i.at >= from),
      );
    }
    case 'contact': {
      const from = cutoff(rule.withinDays);
      return c.interactions.some(
        (i) =>
          i.kind === 'contact' &&
          !i.deleted &&
          (!rule.channel || (i.channel !== null && rule.channel.includes(i.channel))) &&
          (!rule.direction || i.direction === rule.direction) &&
          (!from || i.at >= from),
      );
    }
    case 'has_identifier':
      return rule.kind === 'email' ? c.emails > 0 : c.phones > 0;
    case 'demographic': {
      const v =
        rule.field === 'age_band'
          ? refAgeBand(c.analytics.birthDate, asOf)
          : ((c.analytics.demo as Record<string, string | null> | null)?.[rule.field] ?? null);
      if (rule.op === 'is_set') return v !== null;
      if (rule.op === 'is_not_set') return v === null;
      return v !== null && rule.values!.includes(v);
    }
    case 'survey_score': {
      const from = cutoff(rule.withinDays);
      return c.analytics.scores.some(
        (s) =>
          s.metric === rule.metric &&
          (!rule.survey || rule.survey.includes(s.survey)) &&
          inRange(s.score, rule.score) &&
          (!from || s.at >= from),
      );
    }
    case 'loyalty': {
      const l = c.analytics.loyalty;
      if (!l) return false;
      const balance = l.points.reduce((a, b) => a + b, 0);
      return (!rule.tier || (l.tier !== null && rule.tier.includes(l.tier))) && inRange(balance, rule.points);
    }
    case 'value_tier':
      return c.analytics.valueTier !== null && rule.tiers.includes(c.analytics.valueTier);
  }
}

// ---- database --------------------------------------------------------------------------------------------

let tdb: TestDatabase<Database>;
beforeAll(async () => {
  tdb = await openTestDb('crm_segment_fuzz');
});
afterAll(() => tdb.destroy());

async function load(db: TestDatabase<Database>['db'], data: RefCustomer[]): Promise<Map<string, string>> {
  await db.deleteFrom('customer').execute();
  const inserted = await db
    .insertInto('customer')
    .values(
      data.map((c) => ({
        external_id: c.externalId,
        first_name: c.fields.first_name,
        last_name: c.fields.last_name,
        postal_code: c.fields.postal_code,
        city: c.fields.city,
        country: c.fields.country,
        birth_date: c.analytics.birthDate,
        attributes: JSON.stringify(c.attributes),
        deleted_at: c.deleted ? AS_OF : null,
      })),
    )
    .returning(['id', 'external_id'])
    .execute();
  const idOf = new Map(inserted.map((r) => [r.external_id, r.id]));
  const ids = new Map(inserted.map((r) => [r.id, r.external_id]));
  const each = <T>(pick: (c: RefCustomer, id: string) => T[]) =>
    data.flatMap((c) => pick(c, idOf.get(c.externalId)!));
  const emails = each((c, id) =>
    Array.from({ length: c.emails }, (_, k) => ({
      customer_id: id,
      position: k,
      id_type: 'email',
      raw: `e${k}@x.test`,
      normalized: `e${k}@x.test`,
      status: 'valid' as const,
      search: `e${k}@x.test`,
    })),
  );
  const phones = each((c, id) =>
    Array.from({ length: c.phones }, (_, k) => ({
      customer_id: id,
      position: k,
      id_type: 'phone',
      raw: '+4930901820',
      normalized: '+4930901820',
      status: 'valid' as const,
      search: '4930901820',
    })),
  );
  const purchases = each((c, id) =>
    c.purchases.map((p) => ({
      customer_id: id,
      product: p.product,
      category: p.category,
      price: p.price,
      purchased_at: p.at,
    })),
  );
  const interactions = each((c, id) =>
    c.interactions.map((i) => ({
      customer_id: id,
      kind: i.kind,
      occurred_at: i.at,
      closed_at: i.kind === 'service_case' && i.closed ? new Date(i.at.getTime() + DAY) : null,
      product: i.product,
      outcome: i.outcome,
      channel: i.channel,
      direction: i.direction,
      summary: null,
      external_id: null,
      created_by: null,
      deleted_at: i.deleted ? AS_OF : null,
    })),
  );
  if (emails.length > 0) await db.insertInto('customer_identifier').values(emails).execute();
  if (phones.length > 0) await db.insertInto('customer_identifier').values(phones).execute();
  if (purchases.length > 0) await db.insertInto('purchase').values(purchases).execute();
  if (interactions.length > 0) await db.insertInto('interaction').values(interactions).execute();
  await loadAnalytics(db, data, idOf);
  return ids;
}

async function loadAnalytics(
  db: TestDatabase<Database>['db'],
  data: RefCustomer[],
  idOf: Map<string, string>,
) {
  await db.deleteFrom('survey').execute();
  const surveys = await db
    .insertInto('survey')
    .values([
      { key: 'rel', name: 'Relationship', created_by: null },
      { key: 'svc', name: 'Service', created_by: null },
    ])
    .returning(['id', 'key'])
    .execute();
  const surveyId = new Map(surveys.map((s) => [s.key, s.id]));
  for (const c of data) {
    const id = idOf.get(c.externalId)!;
    const a = c.analytics;
    if (a.demo)
      await db
        .insertInto('customer_demographics')
        .values({ customer_id: id, ...a.demo } as never)
        .execute();
    for (const s of a.scores) {
      await insertScore(db, {
        ...{ survey: surveyId.get(s.survey)!, customer: id, at: s.at },
        ...{ metric: s.metric, score: s.score },
      });
    }
    if (a.loyalty) {
      await db
        .insertInto('loyalty_member')
        .values({ customer_id: id, joined_at: AS_OF, tier: a.loyalty.tier, member_number: null })
        .execute();
      for (const points of a.loyalty.points)
        await db
          .insertInto('loyalty_event')
          .values({
            customer_id: id,
            kind: points < 0 ? 'redeem' : 'earn',
            points,
            occurred_at: AS_OF,
            source: 'import',
            external_id: null,
            purchase_id: null,
            tier_from: null,
            tier_to: null,
            note: null,
          })
          .execute();
    }
    if (a.valueTier)
      await db
        .insertInto('customer_value')
        .values({
          customer_id: id,
          revenue: 0,
          margin: 0,
          margin_12m: 0,
          clv: 0,
          tier: a.valueTier,
          computed_at: AS_OF,
        })
        .execute();
  }
}

describe('segment compiler vs reference evaluation', () => {
  it('generated rules are valid according to the zod schema', () => {
    fc.assert(
      fc.property(ruleArb, (rule) => {
        expect(SegmentRule.safeParse(rule).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  const DATASETS = 6;
  const RULES_PER_DATASET = 60;
  for (let d = 0; d < DATASETS; d++) {
    it(`agrees on random data set #${d + 1}`, async () => {
      const [data] = fc.sample(datasetArb, { numRuns: 1, seed: 1000 + d });
      const ids = await load(tdb.db, data!);
      await fc.assert(
        fc.asyncProperty(ruleArb, async (rule) => {
          const rows = await compileSegment(tdb.db, rule, AS_OF).execute();
          const got = rows.map((r) => ids.get(r.customer_id)!).sort();
          const want = data!
            .filter((c) => !c.deleted && evaluate(rule, c))
            .map((c) => c.externalId)
            .sort();
          expect(got).toEqual(want);
        }),
        { numRuns: RULES_PER_DATASET, seed: 2000 + d },
      );
    });
  }
});

/** The external ids of the slots set in `mask`. */
function membersOf(snap: Snapshot, mask: Uint8Array, ids: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [id, slot] of snap.slotOf) if (mask[slot] === 1) out.push(ids.get(id)!);
  return out.sort();
}

/**
 * Instants around the data's: AS_OF; a day later (18th birthdays of 2008-11-23, and a 1-day window cuts exactly at the
 * purchases made at AS_OF); a day later less the hour answers are shifted by (a 1-day window cuts at AS_OF's answers);
 * a year later (most windows empty).
 */
const INSTANTS = [
  AS_OF,
  AS_OF.getTime() + DAY,
  AS_OF.getTime() + DAY - 3_600_000,
  AS_OF.getTime() + 366 * DAY,
].map((t) => new Date(t));

describe('snapshot rule evaluator vs SQL compiler vs reference evaluation', () => {
  const DATASETS = 6;
  const RULES_PER_INSTANT = 60;
  for (let d = 0; d < DATASETS; d++) {
    it(`agrees on random data set #${d + 1} at ${INSTANTS.length} instants`, async () => {
      const [data] = fc.sample(datasetArb, { numRuns: 1, seed: 3000 + d });
      const ids = await load(tdb.db, data!);
      for (const [n, asOf] of INSTANTS.entries())
        await fc.assert(
          fc.asyncProperty(
            fc.oneof({ arbitrary: coveredRuleArb, weight: 4 }, { arbitrary: ruleArb, weight: 1 }),
            async (rule) => {
              const want = data!
                .filter((c) => !c.deleted && evaluate(rule, c, asOf))
                .map((c) => c.externalId)
                .sort();
              const compiled = compileSegment(tdb.db, rule, asOf);
              const sqlRows = await compiled.execute();
              expect(sqlRows.map((r) => ids.get(r.customer_id)!).sort()).toEqual(want);
              // Through the analytics entry point: in memory when covered, else the SQL evaluated in the database.
              const fresh = await freshSnapshot(tdb.db, compiled);
              expect(membersOf(fresh.snapshot, fresh.members!, ids)).toEqual(want);
              if (snapshotCovers(rule))
                expect(membersOf(fresh.snapshot, ruleMask(fresh.snapshot, rule, asOf), ids)).toEqual(want);
              else
                expect(() => ruleMask(fresh.snapshot, rule, asOf)).toThrow(
                  `the snapshot cannot evaluate a ${rule.type} rule`,
                );
            },
          ),
          { numRuns: RULES_PER_INSTANT, seed: 4000 + d * 10 + n },
        );
    });
  }

  it('covered rules are common among generated ones, and uncovered leaves are detected', () => {
    const covered = fc.sample(coveredRuleArb, { numRuns: 200, seed: 5 });
    expect(covered.every(snapshotCovers)).toBe(true);
    expect(snapshotCovers({ type: 'field', field: 'city', op: 'is_set' })).toBe(false);
    expect(
      snapshotCovers({
        type: 'and',
        rules: [
          { type: 'value_tier', tiers: ['top'] },
          { type: 'has_identifier', kind: 'email' },
        ],
      }),
    ).toBe(false);
    expect(snapshotCovers({ type: 'survey_score', metric: 'nps', survey: ['rel'] })).toBe(false);
    expect(snapshotCovers({ type: 'loyalty', tier: ['gold'], points: { min: 1 } })).toBe(false);
    expect(snapshotCovers({ type: 'not', rule: { type: 'loyalty', tier: ['gold'] } })).toBe(true);
  });
});
