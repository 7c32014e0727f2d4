// Customer search benchmark: loads N generated customers (accented names in both orders, emails, phones of five
// countries) through upsertCustomers, then times the console's search for every query form; prints p50/p95/max
// per form and overall. Usage: pnpm bench:search [--size 1000000] [--queries 400] [--pglite] [--json]
//   [--server postgres://…]  (a throwaway database is created on the server and dropped afterwards)
import { parseArgs } from 'node:util';
import { createDatabase, type DbHandle, migrateToLatest } from '@concord/db';
import { sql } from 'kysely';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import pg from 'pg';
import { listCustomers } from '../src/crm/customers/customers.ts';
import { upsertCustomers } from '../src/crm/customers/upsert-customers.ts';
import type { Database } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { ACCENTED_FIRST, type Country, phoneOf, rng } from '../test/federation/generated/population.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    size: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '400' },
    pglite: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    /** Keep the loaded database under this name and reuse it when it exists (repeat runs skip the load). */
    keep: { type: 'string' },
  },
});
const size = Number(values.size);
const nQueries = Number(values.queries);
const log = (...a: unknown[]) => {
  if (!values.json) console.log(...a);
};

const LAST_A = [
  'Wag',
  'Mül',
  'Bēr',
  'Ozo',
  'Łuka',
  'Nuñ',
  'Özt',
  'Dvo',
  'Ros',
  'Smi',
  'Gar',
  'Kal',
  'Wei',
  'Æbe',
];
const LAST_B = [
  'ner',
  'ler',
  'ziņš',
  'liņa',
  'siewicz',
  'ez',
  'ürk',
  'řák',
  'si',
  'th',
  'cía',
  'niņš',
  'ß',
  'lø',
];
const COUNTRIES: Country[] = ['US', 'GB', 'DE', 'LV', 'IT'];

interface Gen {
  externalId: string;
  first: string;
  last: string;
  email: string;
  phone: string;
}

function person(i: number): Gen {
  const r = rng(i * 7919 + 1);
  const first = r.pick(ACCENTED_FIRST);
  const last = `${r.pick(LAST_A)}${r.pick(LAST_B)}${r.chance(0.5) ? r.pick(LAST_B) : ''}`;
  return {
    externalId: `S${String(i).padStart(8, '0')}`,
    first,
    last,
    email: `${first.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()}.${i}@${r.pick(['example.com', 'mail.lv', 'posta.it', 'web.de'])}`,
    phone: phoneOf(r, r.pick(COUNTRIES)),
  };
}

async function open(): Promise<{ handle: DbHandle<Database>; drop: () => Promise<void> }> {
  if (values.pglite) return { handle: await createDatabase<Database>({}), drop: async () => {} };
  const name = values.keep ? `concord_bench_search_${values.keep}` : `concord_bench_search_${Date.now()}`;
  const admin = new pg.Client({ connectionString: values.server });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database "${name}"`);
  const url = new URL(values.server);
  url.pathname = `/${name}`;
  const handle = await createDatabase<Database>({ url: url.toString(), poolSize: 4 });
  return {
    handle,
    drop: async () => {
      if (!values.keep) await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

const FORMS: Record<string, (p: Gen) => string> = {
  'name first last': (p) => `${p.first} ${p.last}`,
  'name last first, no accents': (p) => `${p.last} ${p.first}`.normalize('NFKD').replace(/\p{M}/gu, ''),
  'phone national': (p) => parsePhoneNumberFromString(p.phone)?.formatNational() ?? p.phone,
  'phone international': (p) => parsePhoneNumberFromString(p.phone)?.formatInternational() ?? p.phone,
  'partial email': (p) => p.email.slice(0, p.email.indexOf('@') + 1),
  domain: (p) => p.email.slice(p.email.indexOf('@') + 1),
  'customer number': (p) => p.externalId,
};

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

type Db = Awaited<ReturnType<typeof open>>['handle']['db'];

/** Loads the generated customers up to `size` (resuming a partly loaded database); returns the seconds taken. */
async function load(db: Db): Promise<number> {
  const t0 = performance.now();
  const BATCH = 5000;
  const have = Number(
    (await sql<{ n: number }>`select count(*)::int as n from customer`.execute(db)).rows[0]?.n,
  );
  for (let i = have; i < size; i += BATCH) {
    const rows = [];
    for (let k = i; k < Math.min(size, i + BATCH); k++) {
      const p = person(k);
      rows.push({
        externalId: p.externalId,
        firstName: p.first,
        lastName: p.last,
        emails: [p.email],
        phones: [p.phone],
      });
    }
    await upsertCustomers(db, rows, { defaultRegion: 'DE' });
    if (i % 100_000 === 0) log(`loaded ${i}`);
  }
  return (performance.now() - t0) / 1000;
}

/** Runs `nQueries` searches in random forms; latency per query and whether the person was in the top 10. */
async function runQueries(db: Db) {
  const r = rng(99);
  const byForm: Record<string, { ms: number[]; found: number }> = {};
  const all: number[] = [];
  for (let q = 0; q < nQueries; q++) {
    const form = r.pick(Object.keys(FORMS));
    const p = person(r.int(0, size - 1));
    const query = (FORMS[form] as (p: Gen) => string)(p);
    const t = performance.now();
    const { items } = await listCustomers(db, { search: query, limit: 10, defaultRegion: 'DE' });
    const ms = performance.now() - t;
    const entry = byForm[form] ?? { ms: [], found: 0 };
    byForm[form] = entry;
    entry.ms.push(ms);
    all.push(ms);
    if (form === 'domain' ? items.length === 10 : items.some((c) => c.externalId === p.externalId))
      entry.found++;
  }
  const forms = Object.fromEntries(
    Object.entries(byForm).map(([k, v]) => [
      k,
      {
        n: v.ms.length,
        p50: +pct(v.ms, 0.5).toFixed(1),
        p95: +pct(v.ms, 0.95).toFixed(1),
        max: +pct(v.ms, 1).toFixed(1),
        foundTop10: +(v.found / v.ms.length).toFixed(3),
      },
    ]),
  );
  return { all, forms };
}

async function main() {
  const { handle, drop } = await open();
  const db = handle.db;
  try {
    await migrateToLatest(db, migrations);
    const loadS = await load(db);
    await sql`analyze`.execute(db);
    log(`loaded ${size} customers in ${loadS.toFixed(0)} s (${handle.kind})`);
    const { all, forms } = await runQueries(db);
    const result = {
      bench: 'search',
      store: handle.kind,
      customers: size,
      queries: nQueries,
      loadSeconds: +loadS.toFixed(1),
      p50: +pct(all, 0.5).toFixed(1),
      p95: +pct(all, 0.95).toFixed(1),
      max: +pct(all, 1).toFixed(1),
      forms,
    };
    if (values.json) console.log(JSON.stringify(result));
    else {
      console.table(forms);
      console.log(`all queries: p50 ${result.p50} ms, p95 ${result.p95} ms, max ${result.max} ms`);
    }
  } finally {
    await handle.close();
    await drop();
  }
}

await main();
