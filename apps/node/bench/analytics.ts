// Analytics benchmark: 1M customers (80% with demographics) and 3M purchases, 600k NPS answers, generated in SQL
// in a throwaway Postgres database; times cross-tabs (demographic × purchase dimension, whole base and a segment)
// and NPS (overall with a monthly trend, and for a segment). Prints figures, or one JSON line with --json.
// Usage: pnpm bench:analytics [--customers 1000000] [--purchases 3000000] [--answers 600000] [--runs 3] [--json]
import { parseArgs } from 'node:util';
import { createDatabase, migrateToLatest } from '@concord/db';
import { sql } from 'kysely';
import pg from 'pg';
import { crossTab } from '../src/crm/analytics/cross-tab.ts';
import type { Dimension } from '../src/crm/analytics/dimensions.ts';
import { compileSegment } from '../src/crm/segments/compile.ts';
import { npsSummary } from '../src/crm/surveys/scores.ts';
import type { Database } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    customers: { type: 'string', default: '1000000' },
    purchases: { type: 'string', default: '3000000' },
    answers: { type: 'string', default: '600000' },
    runs: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const N = Number(values.customers);
const P = Number(values.purchases);
const A = Number(values.answers);
const RUNS = Number(values.runs);
const AS_OF = new Date('2026-11-22T00:00:00Z');
const log = (...args: unknown[]) => {
  if (!values.json) console.log(...args);
};

/** Deterministic data in set-based SQL (setseed): the same figures on every run. */
async function generate(db: import('kysely').Kysely<Database>) {
  await sql`select setseed(0.42)`.execute(db);
  await sql`insert into customer (external_id, country, birth_date, attributes)
    select 'C' || i, (array['DE','DE','DE','AT','FR','NL'])[1 + (i % 6)],
      date '1940-01-01' + ((random() * 27000)::int), '{}'
    from generate_series(1, ${N}) i`.execute(db);
  await sql`insert into customer_demographics (customer_id, sex, income_band, education, household_size, region)
    select id,
      (array['female','male','diverse','undisclosed'])[1 + floor(random() * 4)::int],
      (array['lt_20k','20k_40k','40k_60k','60k_100k','100k_plus'])[1 + floor(random() * 5)::int],
      (array['primary','secondary','vocational','bachelor','master','doctorate'])[1 + floor(random() * 6)::int],
      1 + floor(random() * 5)::int,
      (array['North','South','East','West','Centre'])[1 + floor(random() * 5)::int]
    from customer where random() < 0.8`.execute(db);
  await sql`create temporary table ids as select row_number() over () as n, id from customer`.execute(db);
  await sql`insert into purchase (customer_id, product, category, supplier, brand, price, cost, purchased_at)
    select ids.id, 'product ' || (k % 40), (array['car','insurance','mortgage','card','service','accessory'])[1 + k % 6],
      (array['Acme','Globex','Initech','Umbrella','Hooli','Stark'])[1 + (k / 7) % 6],
      (array['Zeta','Ypsilon','Xi','Omega'])[1 + (k / 3) % 4],
      round((random() * 2000)::numeric, 2), case when k % 3 = 0 then null else round((random() * 1500)::numeric, 2) end,
      ${AS_OF.toISOString()}::timestamptz - (random() * interval '1095 days')
    from (select k, 1 + floor(random() * ${N})::bigint as n from generate_series(1, ${P}) k) g join ids on ids.n = g.n`.execute(
    db,
  );
  const survey = await db
    .insertInto('survey')
    .values({ key: 'bench', name: 'Bench', created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`insert into survey_response (id, survey_id, customer_id, responded_at)
    select gen_random_uuid(), ${survey.id}::uuid, ids.id, ${AS_OF.toISOString()}::timestamptz - (random() * interval '730 days')
    from (select 1 + floor(random() * ${N})::bigint as n from generate_series(1, ${A})) g join ids on ids.n = g.n`.execute(
    db,
  );
  await sql`insert into survey_answer (response_id, question_key, survey_id, customer_id, responded_at, kind, score)
    select id, 'nps', survey_id, customer_id, responded_at, 'nps', floor(random() * 11)::int from survey_response`.execute(
    db,
  );
  await sql`analyze`.execute(db);
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number[]; result: T }> {
  const ms: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < RUNS + 1; i++) {
    const t = performance.now();
    result = await run();
    if (i > 0) ms.push(Math.round(performance.now() - t)); // the first run warms the cache
  }
  return { ms, result: result as T };
}

async function main() {
  const name = `concord_bench_analytics_${process.pid}`;
  const admin = new pg.Client({ connectionString: values.server });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(values.server);
  url.pathname = `/${name}`;
  const handle = await createDatabase<Database>({ url: url.toString(), poolSize: 4 });
  const figures: Record<string, { ms: number[]; cells?: number; responses?: number }> = {};
  try {
    await migrateToLatest(handle.db, migrations);
    const t0 = performance.now();
    await generate(handle.db);
    log(
      `generated ${N} customers, ${P} purchases, ${A} NPS answers in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const db = handle.db;
    const segment = compileSegment(db, { type: 'field', field: 'country', op: 'eq', value: 'DE' }, AS_OF);
    const tabs: Array<[string, Dimension, Dimension, boolean]> = [
      ['crossTab income_band × category', 'income_band', 'category', false],
      ['crossTab age_band × supplier', 'age_band', 'supplier', false],
      ['crossTab sex × period (month)', 'sex', 'period', false],
      ['crossTab education × brand, segment country=DE', 'education', 'brand', true],
    ];
    for (const [label, rows, cols, scoped] of tabs) {
      const r = await timed(() =>
        crossTab(db, {
          rows,
          cols,
          asOf: AS_OF,
          k: 10,
          period: 'month',
          ...(scoped ? { segmentIds: segment } : {}),
        }),
      );
      figures[label] = { ms: r.ms, cells: r.result.cells.length };
      log(`${label}: ${r.ms.join(' / ')} ms (${r.result.cells.length} cells)`);
    }
    const nps = await timed(() => npsSummary(db, {}, 'month'));
    figures['NPS overall + monthly trend'] = { ms: nps.ms, responses: nps.result.responses };
    log(
      `NPS overall + monthly trend: ${nps.ms.join(' / ')} ms (${nps.result.responses} responses, NPS ${nps.result.nps})`,
    );
    const npsSeg = await timed(() => npsSummary(db, { segmentIds: segment }, 'month'));
    figures['NPS segment country=DE'] = { ms: npsSeg.ms, responses: npsSeg.result.responses };
    log(`NPS segment country=DE: ${npsSeg.ms.join(' / ')} ms (${npsSeg.result.responses} responses)`);
    if (values.json)
      console.log(JSON.stringify({ bench: 'analytics', customers: N, purchases: P, answers: A, figures }));
  } finally {
    await handle.close();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

await main();
