// `pnpm bench:shards [--members 1000000] [--shards 0,1,2,4] [--runs 3] [--json]`: the effect of the shard count on
// one machine. For each layout it creates a coordinator database with that many shard databases (on the same
// server, or --shard-server), fills two versions' token tables with the same synthetic members (email + phone,
// half overlap) through the clean room's own layout code, and times the set-based insight count and the exact
// list join (matchedMembers) shard by shard. 0 shards = today's single-server layout, the baseline of the run.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createTokenTable, indexTokenTable, tokenTable } from '../src/ingest/token-table.ts';
import { countMatchedSql } from '../src/match/match.ts';
import { registerShards } from '../src/shard/servers.ts';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' },
    shards: { type: 'string', default: '0,1,2,4' },
    'shard-server': { type: 'string' },
    runs: { type: 'string', default: '3' },
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    json: { type: 'boolean', default: false },
  },
  // `pnpm bench:shards -- --flags` forwards a literal `--`.
  args: process.argv.slice(2).filter((a) => a !== '--'),
});
const members = Number(values.members.replace(/_/g, ''));
const runs = Number(values.runs);
const log = (...a: unknown[]) => values.json || console.log(...a);
const tag = randomBytes(4).toString('hex');
const admin = new pg.Pool({ connectionString: values.server, max: 1 });

const urlFor = (base: string, db: string) => {
  const u = new URL(base);
  u.pathname = `/${db}`;
  return u.toString();
};
async function createDb(base: string, name: string) {
  const p = new pg.Pool({ connectionString: base, max: 1 });
  await p.query(`create database ${name}`);
  await p.end();
  return urlFor(base, name);
}
async function dropDb(base: string, name: string) {
  const p = new pg.Pool({ connectionString: base, max: 1 });
  await p.query(`drop database if exists ${name} with (force)`);
  await p.end();
}

/** Synthetic members: side A persons 0..n-1, side B persons n/2..n/2+n-1; tokens derived from the person number. */
function fill(versionId: string, from: number) {
  return sql`insert into ${tokenTable(versionId)} (tk, mk, purpose_mask, id_type, token, member_id)
    select ('x' || substr(md5(t.kind || g), 1, 16))::bit(64)::bigint, ('x' || substr(md5('m' || ${versionId} || g), 1, 16))::bit(64)::bigint,
      1, t.code, decode(md5(t.kind || g) || md5(t.kind || g), 'hex'), decode(md5('m' || ${versionId} || g), 'hex')
    from generate_series(${from}::int, ${from + members - 1}::int) g, (values ('e', 1), ('p', 2)) t(kind, code)`;
}

interface Row {
  shards: number;
  fillS: number;
  countMs: number[];
  listMs: number[];
  matched: number;
}

async function layout(shards: number): Promise<Row> {
  const coord = `concord_bench_shards_${tag}_${shards}`;
  const shardDbs = Array.from({ length: shards }, (_, i) => `concord_bench_shard_${tag}_${shards}_${i}`);
  const shardBase = values['shard-server'] ?? values.server;
  const db = new Kysely<any>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: await createDb(values.server, coord), max: 2 }),
    }),
  });
  try {
    const urls = [];
    for (const s of shardDbs) urls.push(new URL(await createDb(shardBase, s)));
    if (urls.length) {
      await registerShards(
        db,
        urls.map((u) => ({
          host: u.hostname,
          port: Number(u.port || 5432),
          dbname: u.pathname.slice(1),
          user: decodeURIComponent(u.username || 'postgres'),
        })),
      );
    }
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const t0 = performance.now();
    for (const [v, from] of [
      [a, 0],
      [b, members / 2],
    ] as const) {
      await createTokenTable(db, v);
      await fill(v, from).execute(db);
      await indexTokenTable(db, v);
      await sql`analyze ${tokenTable(v)}`.execute(db);
    }
    const fillS = (performance.now() - t0) / 1000;
    const countMs: number[] = [];
    const listMs: number[] = [];
    let matched = 0;
    for (let r = 0; r < runs; r++) {
      let t = performance.now();
      matched = await db
        .transaction()
        .execute((trx) => countMatchedSql(trx, { versionId: a }, [{ versionId: b }], 1));
      countMs.push(performance.now() - t);
      t = performance.now();
      await sql`select count(distinct a.member_id) from ${tokenTable(a)} a join ${tokenTable(b)} b
        on b.tk = a.tk and b.token = a.token`.execute(db);
      listMs.push(performance.now() - t);
    }
    return { shards, fillS, countMs, listMs, matched };
  } finally {
    await db.destroy();
    await dropDb(values.server, coord);
    for (const s of shardDbs) await dropDb(shardBase, s);
  }
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
const rows: Row[] = [];
for (const n of values.shards.split(',').map(Number)) {
  const row = await layout(n);
  rows.push(row);
  log(
    `${n === 0 ? 'single server' : `${n} shard(s)`}: fill ${row.fillS.toFixed(1)} s · insight count median ${(median(row.countMs) / 1000).toFixed(2)} s (${row.countMs.map((x) => (x / 1000).toFixed(2)).join(', ')}) · exact join median ${(median(row.listMs) / 1000).toFixed(2)} s · matched ${row.matched}`,
  );
}
await admin.end();
const base = rows.find((r) => r.shards === 0);
if (values.json) {
  console.log(
    JSON.stringify({
      bench: 'shards',
      members,
      runs,
      layouts: rows.map((r) => ({
        shards: r.shards,
        fill_s: r.fillS,
        insight_count_ms: median(r.countMs),
        exact_join_ms: median(r.listMs),
        matched: r.matched,
        ratio_vs_single: base ? median(r.countMs) / median(base.countMs) : null,
      })),
    }),
  );
}
