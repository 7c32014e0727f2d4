// Analytics benchmark: 1M customers (80% with demographics), 3M purchases and 600k NPS answers generated in SQL in a
// throwaway database (Postgres, or embedded PGlite with --pglite); times cross-tabs (demographic × purchase
// dimension, whole base and a segment) and NPS (overall with a monthly trend, and for a segment), each with the
// in-process snapshot and, as the baseline in the same run, the original SQL statement; checks both agree; then
// times the first query after an edit and after an import (the snapshot catching up), and the segment cross-tab
// after them. Snapshot runs also report this process's CPU time. --json: one JSON line.
// The segment (country = DE) is evaluated over the snapshot (snapshot/rule-eval.ts); --sql-segments hides its rule
// so it is evaluated in the database and its members cached (snapshot/segment-cache.ts), as before that evaluator.
// Usage: pnpm bench:analytics [--customers 1000000] [--purchases 3000000] [--answers 600000] [--runs 3]
//        [--baseline-runs 1] [--server postgres://…|--pglite] [--keep NAME] [--sql-segments] [--freshness-only]
//        [--whole-refresh] [--json]
// --freshness-only skips the query comparisons: the snapshot build, then the freshness steps only.
// --whole-refresh: every changed customer reloads whole (the refresh before new rows were appended by key).
// --keep NAME keeps the Postgres database concord_bench_analytics_NAME and reuses its data on the next run (each run's
// freshness step adds 10,001 purchases to it).
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { createDatabase, type DbHandle, migrateToLatest } from '@concord/db';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { crossTab } from '../src/crm/analytics/cross-tab.ts';
import type { Dimension } from '../src/crm/analytics/dimensions.ts';
import { freshSnapshot, refreshCustomersWhole } from '../src/crm/analytics/snapshot/load.ts';
import { compileSegment } from '../src/crm/segments/compile.ts';
import type { SegmentRule } from '../src/crm/segments/rule.ts';
import { npsSummary } from '../src/crm/surveys/scores.ts';
import type { Database } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { generate } from './analytics-data.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    customers: { type: 'string', default: '1000000' },
    purchases: { type: 'string', default: '3000000' },
    answers: { type: 'string', default: '600000' },
    runs: { type: 'string', default: '3' },
    'baseline-runs': { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    pglite: { type: 'boolean', default: false },
    'sql-segments': { type: 'boolean', default: false },
    'freshness-only': { type: 'boolean', default: false },
    'whole-refresh': { type: 'boolean', default: false },
    keep: { type: 'string' },
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const N = Number(values.customers);
const RUNS = Number(values.runs);
const BASELINE_RUNS = Number(values['baseline-runs']);
const AS_OF = new Date('2026-11-22T00:00:00Z');
const log = (...args: unknown[]) => {
  if (!values.json) console.log(...args);
};

/** Wall and CPU milliseconds per run: on a shared machine the wall time mostly measures the share of a core we get. */
async function timed<T>(
  runs: number,
  run: () => Promise<T>,
): Promise<{ ms: number[]; cpu: number[]; result: T }> {
  const ms: number[] = [];
  const cpu: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    result = await run();
    const used = process.cpuUsage(c);
    ms.push(Math.round(performance.now() - t));
    cpu.push(Math.round((used.user + used.system) / 1000));
  }
  return { ms, cpu, result: result as T };
}

const DE: SegmentRule = { type: 'field', field: 'country', op: 'eq', value: 'DE' };
/** The segment's member query; with --sql-segments wrapped, so the snapshot does not see its rule. */
const segmentOf = (db: Kysely<Database>) => {
  const q = compileSegment(db, DE, AS_OF);
  return values['sql-segments'] ? sql`${q}` : q;
};

type Figure = {
  snapshot: number[];
  /** This process's CPU time per snapshot run (the database's work is not in it). */
  cpu: number[];
  /** The first snapshot run: for a segment with --sql-segments, the one that evaluates it in the database. */
  first: number;
  firstCpu: number;
  baseline: number[];
  identical: boolean;
  size: number;
};
const figures: Record<string, Figure | number> = {};

/** Baseline (SQL) runs, then one warm-up and `RUNS` timed runs of the snapshot; both results must agree. */
async function compare<T>(
  label: string,
  run: (engine: 'sql' | 'snapshot') => Promise<T>,
  size: (r: T) => number,
) {
  const base = await timed(BASELINE_RUNS, () => run('sql'));
  const once = await timed(1, () => run('snapshot'));
  const [first, firstCpu] = [once.ms[0]!, once.cpu[0]!];
  const snap = await timed(RUNS, () => run('snapshot'));
  const identical = isDeepStrictEqual(base.result, snap.result);
  figures[label] = {
    snapshot: snap.ms,
    cpu: snap.cpu,
    first,
    firstCpu,
    baseline: base.ms,
    identical,
    size: size(snap.result),
  };
  log(
    `${label}: first ${first} ms (cpu ${firstCpu} ms), then ${snap.ms.join(' / ')} ms (cpu ${snap.cpu.join(' / ')} ms) · SQL baseline ${base.ms.join(' / ')} ms · identical: ${identical}`,
  );
  if (!identical) throw new Error(`${label}: the snapshot and the SQL statement disagree`);
}

async function queries(db: Kysely<Database>) {
  const segment = segmentOf(db);
  const tabs: Array<[string, Dimension, Dimension, boolean]> = [
    ['crossTab income_band × category', 'income_band', 'category', false],
    ['crossTab age_band × supplier', 'age_band', 'supplier', false],
    ['crossTab sex × period (month)', 'sex', 'period', false],
    ['crossTab education × brand, segment country=DE', 'education', 'brand', true],
  ];
  for (const [label, rows, cols, scoped] of tabs)
    await compare(
      label,
      (engine) =>
        crossTab(db, {
          rows,
          cols,
          asOf: AS_OF,
          k: 10,
          period: 'month',
          engine,
          ...(scoped ? { segmentIds: segment } : {}),
        }),
      (r) => r.cells.length,
    );
  await compare(
    'NPS overall + monthly trend',
    (engine) => npsSummary(db, { engine }, 'month'),
    (r) => r.responses,
  );
  await compare(
    'NPS segment country=DE',
    (engine) => npsSummary(db, { engine, segmentIds: segment }, 'month'),
    (r) => r.responses,
  );
}

/** An edit (one customer's income band, one new purchase) and an import (10,000 purchases), each followed by a query. */
async function freshness(db: Kysely<Database>) {
  const tab = () => crossTab(db, { rows: 'income_band', cols: 'category', asOf: AS_OF, k: 10 });
  const total = (t: Awaited<ReturnType<typeof tab>>) => t.cells.reduce((s, c) => s + (c.purchases ?? 0), 0);
  const before = total(await tab());
  const { id } = await db
    .selectFrom('customer')
    .select('id')
    .where('external_id', '=', 'C7')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('customer_demographics')
    .set({ income_band: '100k_plus' })
    .where('customer_id', '=', id)
    .execute();
  await sql`insert into purchase (customer_id, product, category, price, purchased_at)
    values (${id}::uuid, 'product 1', 'car', 10, ${AS_OF.toISOString()}::timestamptz)`.execute(db);
  let t = performance.now();
  const afterEdit = total(await tab());
  figures['first cross-tab after an edit'] = Math.round(performance.now() - t);
  await sql`insert into purchase (customer_id, product, category, price, purchased_at)
    select id, 'product 2', 'card', 5, ${AS_OF.toISOString()}::timestamptz from customer order by external_id limit 10000`.execute(
    db,
  );
  t = performance.now();
  const cpu = process.cpuUsage();
  const afterImport = total(await tab());
  figures['first cross-tab after importing 10,000 purchases'] = Math.round(performance.now() - t);
  const used = process.cpuUsage(cpu);
  figures['its cpu'] = Math.round((used.user + used.system) / 1000);
  log(
    `first cross-tab after an edit: ${figures['first cross-tab after an edit']} ms (purchases ${before} → ${afterEdit})`,
  );
  log(
    `first cross-tab after importing 10,000 purchases: ${figures['first cross-tab after importing 10,000 purchases']} ms (cpu ${figures['its cpu']} ms; → ${afterImport})`,
  );
  // Cells under k hide purchases, so the visible total can only be checked to move the right way.
  if (afterEdit < before || afterImport <= afterEdit)
    throw new Error('a change did not reach the next query');
}

/**
 * After the edit and the import: the segment cross-tab (in memory, or with --sql-segments its cached members
 * re-checked for the changed customers only) must still equal the SQL statement.
 */
async function segmentAfterChanges(db: Kysely<Database>) {
  const opts = {
    rows: 'education',
    cols: 'brand',
    asOf: AS_OF,
    k: 10,
    segmentIds: segmentOf(db),
  } as const;
  const t = performance.now();
  const got = await crossTab(db, opts);
  const label = 'first segment cross-tab after the import';
  figures[label] = Math.round(performance.now() - t);
  const identical = isDeepStrictEqual(got, await crossTab(db, { ...opts, engine: 'sql' }));
  log(`${label}: ${figures[label]} ms · identical: ${identical}`);
  if (!identical) throw new Error(`${label}: the snapshot and the SQL statement disagree`);
}

async function open(): Promise<{ handle: DbHandle<Database>; drop: () => Promise<void>; fresh: boolean }> {
  if (values.pglite) return { handle: await createDatabase<Database>({}), drop: async () => {}, fresh: true };
  const name = `concord_bench_analytics_${values.keep ?? process.pid}`;
  const admin = new pg.Client({ connectionString: values.server });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  if (!exists) await admin.query(`create database "${name}"`);
  const url = new URL(values.server);
  url.pathname = `/${name}`;
  const handle = await createDatabase<Database>({ url: url.toString(), poolSize: 4 });
  return {
    handle,
    fresh: !exists,
    drop: async () => {
      if (!values.keep) await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

async function main() {
  refreshCustomersWhole(values['whole-refresh']);
  const { handle, drop, fresh } = await open();
  try {
    await migrateToLatest(handle.db, migrations);
    let t = performance.now();
    if (fresh) {
      await generate(handle.db, N, Number(values.purchases), Number(values.answers), AS_OF);
      log(`generated on ${handle.kind} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } else log(`reusing the kept database's data (${N} customers assumed)`);
    t = performance.now();
    const cpu = process.cpuUsage();
    await freshSnapshot(handle.db);
    figures['snapshot build (first query after start)'] = Math.round(performance.now() - t);
    const used = process.cpuUsage(cpu);
    figures['snapshot build cpu'] = Math.round((used.user + used.system) / 1000);
    const mem = process.memoryUsage();
    figures['rss MB'] = Math.round(mem.rss / 1e6);
    figures['heap MB'] = Math.round(mem.heapUsed / 1e6);
    figures['typed arrays MB'] = Math.round(mem.arrayBuffers / 1e6);
    log(
      `snapshot build: ${figures['snapshot build (first query after start)']} ms (cpu ${figures['snapshot build cpu']} ms), rss ${figures['rss MB']} MB (JS heap ${figures['heap MB']} MB, typed arrays ${figures['typed arrays MB']} MB)`,
    );
    if (!values['freshness-only']) await queries(handle.db);
    await freshness(handle.db);
    await segmentAfterChanges(handle.db);
    if (values.json)
      console.log(
        JSON.stringify({
          bench: 'analytics',
          database: handle.kind,
          customers: N,
          purchases: Number(values.purchases),
          answers: Number(values.answers),
          figures,
        }),
      );
  } finally {
    await handle.close();
    await drop();
  }
}

await main();
