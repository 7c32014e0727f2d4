// Import benchmark: generates customers + purchases CSVs, imports them into a throwaway Postgres database,
// prints rows/s and peak RSS, then times a segment count over all customers against a handwritten SQL baseline.
// Usage: pnpm bench:import [--customers 1000000] [--purchases 3000000] [--json] [--server postgres://…]
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, migrateToLatest } from '@concord/db';
import { sql } from 'kysely';
import pg from 'pg';
import { importCsv } from '../src/crm/import/import-csv.ts';
import type { SegmentRule } from '../src/crm/segments/rule.ts';
import { countSegment } from '../src/crm/segments/segments.ts';
import type { Database } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { createRng } from '../src/seed/random.ts';

const { values } = parseArgs({
  // `pnpm bench:import -- --flags` forwards a literal `--`.
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    customers: { type: 'string', default: '1000000' },
    purchases: { type: 'string', default: '3000000' },
    json: { type: 'boolean', default: false },
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const nCustomers = Number(values.customers);
const nPurchases = Number(values.purchases);
const log = (...args: unknown[]) => {
  if (!values.json) console.log(...args);
};

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Barbara', 'Edsger', 'Donald', 'Frances', 'Ken', 'Margaret'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Liskov', 'Dijkstra', 'Knuth', 'Allen', 'Thompson'];
const COUNTRIES = ['DE', 'DE', 'DE', 'AT', 'FR', 'NL', 'IT', 'ES'];
const PRODUCTS: Array<[string, string, number]> = [
  ['Compact car', 'car', 24000],
  ['Family car', 'car', 38000],
  ['Winter tyres', 'accessory', 800],
  ['Service A', 'service', 250],
  ['Mortgage 20y', 'mortgage', 250000],
  ['Home insurance', 'home_insurance', 300],
  ['Car insurance', 'car_insurance', 600],
  ['Credit card', 'card', 50],
];

async function writeLines(path: string, header: string, n: number, line: (i: number) => string) {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  out.write(`${header}\n`);
  let chunk = '';
  for (let i = 0; i < n; i++) {
    chunk += `${line(i)}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

const customerId = (i: number) => `C${String(i).padStart(8, '0')}`;
const NOW = Date.UTC(2026, 10, 22);
const DAY = 86_400_000;

async function generate(dir: string) {
  // Deterministic (the seed data's PRNG) so runs are comparable.
  const r = createRng(42).next;
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const customers = join(dir, 'customers.csv');
  await writeLines(
    customers,
    'external_id,first_name,last_name,email,phone,street,postal_code,city,country,birth_date,tier',
    nCustomers,
    (i) => {
      const first = pick(FIRST);
      const last = pick(LAST);
      const phone = r() < 0.3 ? `+49 151 ${String(10000000 + Math.floor(r() * 89999999))}` : '';
      const year = 1940 + Math.floor(r() * 65);
      return `${customerId(i)},${first},${last},${first.toLowerCase()}.${last.toLowerCase()}.${i}@example.com,${phone},Main St ${i % 200},${10000 + (i % 89999)},City ${i % 500},${pick(COUNTRIES)},${year}-0${1 + (i % 9)}-1${i % 10},${pick(['bronze', 'silver', 'gold'])}`;
    },
  );
  const purchases = join(dir, 'purchases.csv');
  await writeLines(
    purchases,
    'external_id,customer_external_id,product,category,price,quantity,purchased_at',
    nPurchases,
    (i) => {
      const [product, category, base] = pick(PRODUCTS);
      const price = (base * (0.5 + r())).toFixed(2);
      const when = new Date(NOW - Math.floor(r() * 3 * 365) * DAY).toISOString().slice(0, 10);
      return `P${i},${customerId(Math.floor(r() * nCustomers))},${product},${category},${price},1,${when}`;
    },
  );
  return { customers, purchases };
}

type Db = Awaited<ReturnType<typeof createDatabase<Database>>>['db'];

/** Imports both files (timed), then re-imports the customers (all unchanged), then vacuums like autovacuum would. */
async function runImports(db: Db, files: { customers: string; purchases: string }) {
  const timed = async (kind: 'customers' | 'purchases', file: string, rows: number) => {
    const start = performance.now();
    const summary = await importCsv(
      { db: db, now: () => new Date() },
      { kind: kind, source: createReadStream(file, { highWaterMark: 1 << 18 }), batchSize: 5000 },
    );
    const seconds = (performance.now() - start) / 1000;
    if (summary.status !== 'completed' || summary.failed > 0 || summary.inserted !== rows)
      throw new Error(`${kind} import did not complete cleanly: ${JSON.stringify(summary)}`);
    log(`${kind}: ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s`);
    return { rows, seconds, rowsPerSecond: Math.round(rows / seconds) };
  };
  const customers = await timed('customers', files.customers, nCustomers);
  const purchases = await timed('purchases', files.purchases, nPurchases);
  const reimportStart = performance.now();
  const again = await importCsv(
    { db: db, now: () => new Date() },
    { kind: 'customers', source: createReadStream(files.customers) },
  );
  const reimportSeconds = (performance.now() - reimportStart) / 1000;
  log(`re-import of customers: ${again.unchanged} unchanged in ${reimportSeconds.toFixed(1)} s`);
  // What autovacuum does after a bulk load: statistics, and the visibility map index-only scans rely on.
  await sql`vacuum analyze`.execute(db);
  return { customers, purchases, reimportSeconds };
}

/**
 * Two segments: the "bought a car in the last 90 days", and a compound rule (German customers who
 * bought a car in the last 90 days or hold a mortgage without home insurance), each with a handwritten SQL COUNT
 * of the same question.
 */
function segmentCases() {
  const cutoff = new Date(NOW - 90 * DAY).toISOString();
  const simple: SegmentRule = { type: 'purchases', category: ['car'], withinDays: 90 };
  const compound: SegmentRule = {
    type: 'and',
    rules: [
      { type: 'field', field: 'country', op: 'eq', value: 'DE' },
      {
        type: 'or',
        rules: [
          simple,
          {
            type: 'and',
            rules: [
              { type: 'purchases', category: ['mortgage'] },
              { type: 'not', rule: { type: 'purchases', category: ['home_insurance'] } },
            ],
          },
        ],
      },
    ],
  };
  return [
    {
      name: 'simple',
      rule: simple,
      baseline: sql<{ n: number }>`
        select count(*)::int as n from customer c
        where c.deleted_at is null and exists (select 1 from purchase p where p.customer_id = c.id
          and p.category = 'car' and p.purchased_at >= ${cutoff}::timestamptz)`,
    },
    {
      name: 'compound',
      rule: compound,
      baseline: sql<{ n: number }>`
        select count(*)::int as n from customer c
        where c.deleted_at is null and c.country = 'DE' and (
          exists (select 1 from purchase p where p.customer_id = c.id and p.category = 'car'
                  and p.purchased_at >= ${cutoff}::timestamptz)
          or (exists (select 1 from purchase p where p.customer_id = c.id and p.category = 'mortgage')
              and not exists (select 1 from purchase p where p.customer_id = c.id and p.category = 'home_insurance')))`,
    },
  ] as const;
}

/** Counts each segment the way segments.preview does (countSegment) and checks it against its SQL baseline. */
async function timeSegments(db: Db) {
  const asOf = new Date(NOW);
  const segments: Record<string, { members: number; ms: number; baselineMs: number }> = {};
  for (const { name, rule, baseline } of segmentCases()) {
    const viaSegment = async () => {
      const start = performance.now();
      const n = await countSegment({ db, now: () => asOf }, { rule });
      return { n, ms: performance.now() - start };
    };
    const viaSql = async () => {
      const start = performance.now();
      const row = (await baseline.execute(db)).rows[0]!;
      return { n: row.n, ms: performance.now() - start };
    };
    const seg = await best(viaSegment);
    const base = await best(viaSql);
    if (seg.n !== base.n) throw new Error(`${name} segment count ${seg.n} != baseline ${base.n}`);
    segments[name] = { members: seg.n, ms: Math.round(seg.ms), baselineMs: Math.round(base.ms) };
    log(
      `segment count (${name}) over ${nCustomers} customers: ${seg.n} members in ${seg.ms.toFixed(0)} ms (handwritten SQL baseline ${base.ms.toFixed(0)} ms)`,
    );
  }
  return segments;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'concord-bench-import-'));
  const name = `concord_bench_import_${process.pid}`;
  const admin = new pg.Client({ connectionString: values.server });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(values.server);
  url.pathname = `/${name}`;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const handle = await createDatabase<Database>({ url: url.toString(), poolSize: 4 });
  try {
    await migrateToLatest(handle.db, migrations);
    log(`generating ${nCustomers} customers and ${nPurchases} purchases in ${dir}…`);
    const t0 = performance.now();
    const files = await generate(dir);
    log(
      `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (${(statSync(files.customers).size / 1e6).toFixed(0)} MB + ${(statSync(files.purchases).size / 1e6).toFixed(0)} MB)`,
    );
    peakRss = process.memoryUsage().rss;
    const { customers, purchases, reimportSeconds } = await runImports(handle.db, files);
    const segments = await timeSegments(handle.db);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const totalRows = nCustomers + nPurchases;
    const totalSeconds = customers.seconds + purchases.seconds;
    log(
      `total: ${totalRows} rows in ${totalSeconds.toFixed(1)} s = ${Math.round(totalRows / totalSeconds)} rows/s; peak RSS ${(peakRss / 1e6).toFixed(0)} MB`,
    );
    if (values.json) {
      const totalRowsPerSecond = Math.round(totalRows / totalSeconds);
      const peakRssMb = Math.round(peakRss / 1e6);
      const out = {
        bench: 'import',
        customers,
        purchases,
        totalRowsPerSecond,
        reimportSeconds,
        peakRssMb,
        segments,
      };
      console.log(JSON.stringify(out));
    }
  } finally {
    clearInterval(sampler);
    await handle.close();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Best of four runs, the first one warming the cache. */
async function best(run: () => Promise<{ n: number; ms: number }>) {
  await run();
  let top = await run();
  for (let i = 0; i < 2; i++) {
    const next = await run();
    if (next.ms < top.ms) top = next;
  }
  return top;
}

await main();
