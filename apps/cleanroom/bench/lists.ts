// `pnpm bench:lists [--sizes 500000,5000000] [--runs 3] [--rows]`: the list store alone, on synthetic list rows as
// the engine hands them over (members in id order, ~1.1 edges a member): store a list (its transaction, commit
// included), fetch its first page and a page in the middle, a 100-member counterpart withdrawal and a 100-member
// own withdrawal against it. `--rows` also times main's former layout (one row per member and per edge, inserted
// 100k rows a statement) on the same rows. Creates and drops its own concord_bench_* database.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createDatabase, migrateToLatest } from '@concord/db';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { removeDerivedMembers, removeOwnMembers } from '../src/lists/derived.ts';
import { dropListStorage, listPage, writeListBlocks } from '../src/lists/store.ts';
import { LINK_SIZE, type ListRows } from '../src/match/engine/list-rows.ts';
import { createBenchDatabase, syntheticListRow } from './bench-db.ts';
import { median, secs } from './size.ts';

const args = process.argv.slice(2).filter((a) => a !== '--'); // `pnpm bench:lists -- …` forwards a literal `--`
const { values } = parseArgs({
  args,
  options: {
    sizes: { type: 'string', default: '500000,5000000' },
    runs: { type: 'string', default: '3' },
    rows: { type: 'boolean', default: false },
  },
});
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const load = () => (loadavg()[0] ?? 0).toFixed(1);

/** N members with ids in order (first 8 bytes ascending), every tenth with a second edge. */
function synthRows(n: number): ListRows {
  const members = randomBytes(n * 16);
  const step = 2n ** 64n / BigInt(n + 1);
  for (let i = 0; i < n; i++) members.writeBigUInt64BE(step * BigInt(i + 1), i * 16);
  const linkCount = n + Math.floor(n / 10);
  const links = Buffer.alloc(linkCount * LINK_SIZE);
  const cps = randomBytes(linkCount * 16);
  let r = 0;
  for (let i = 0; i < n; i++) {
    for (let e = 0; e < (i % 10 === 0 ? 2 : 1); e++, r++) {
      members.copy(links, r * LINK_SIZE, i * 16, i * 16 + 16);
      cps.copy(links, r * LINK_SIZE + 16, r * 16, r * 16 + 16);
    }
  }
  return { links, linkCount, members, memberCount: n };
}

/** A SQL set of the given 16-byte ids. */
const idSet = (ids: Buffer[]) => {
  const packed = Buffer.concat(ids);
  return sql`(select substring(${packed}::bytea from i * 16 + 1 for 16) from generate_series(0, ${ids.length - 1}) i)`;
};

async function insertListRow(db: Kysely<Database>, listId: string, pubId: string, cpPubId: string) {
  await db
    .insertInto('lists')
    .values(syntheticListRow(listId, pubId, [cpPubId]))
    .execute();
}

/** Main's former layout, for comparison: rows with their B-trees, 100k rows a statement. */
async function storeAsRows(db: Kysely<Database>, listId: string, rows: ListRows): Promise<number> {
  const t = performance.now();
  await db.transaction().execute(async (trx) => {
    for (let from = 0; from < rows.linkCount; from += 100_000) {
      const count = Math.min(100_000, rows.linkCount - from);
      const b = rows.links.subarray(from * LINK_SIZE, (from + count) * LINK_SIZE);
      await sql`
        insert into list_links (list_id, member_id, counterpart_publication_id, counterpart_member_id)
        select ${listId}::uuid, substring(b from o + 1 for 16), ${randomUUID()}::uuid, substring(b from o + 17 for 16)
        from (select ${b}::bytea as b) p, lateral generate_series(0, ${count - 1}) i,
             lateral (select i * ${LINK_SIZE} as o) x`.execute(trx);
    }
    for (let from = 0; from < rows.memberCount; from += 100_000) {
      const count = Math.min(100_000, rows.memberCount - from);
      const b = rows.members.subarray(from * 16, (from + count) * 16);
      await sql`insert into list_members (list_id, member_id)
        select ${listId}::uuid, substring(b from i * 16 + 1 for 16)
        from (select ${b}::bytea as b) p, lateral generate_series(0, ${count - 1}) i`.execute(trx);
    }
  });
  const ms = performance.now() - t;
  await db.deleteFrom('list_links').where('list_id', '=', listId).execute();
  await db.deleteFrom('list_members').where('list_id', '=', listId).execute();
  return ms;
}

/** CPU time of a Postgres backend so far (user + system, from /proc; this machine runs the server). */
function backendCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

const timed = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};

/** One stored list: store, pages, withdrawals; then its storage dropped. */
async function oneRun(db: Kysely<Database>, rows: ListRows) {
  const [listId, pubId, cpPubId] = [randomUUID(), randomUUID(), randomUUID()];
  const loadBefore = load();
  let backend = 0;
  let pgCpu = 0;
  const nodeCpu = process.cpuUsage();
  const store = await timed(() =>
    db.transaction().execute(async (trx) => {
      backend = Number(
        (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]?.pid,
      );
      pgCpu = backendCpuMs(backend);
      await insertListRow(trx, listId, pubId, cpPubId);
      await writeListBlocks(trx, listId, rows);
    }),
  );
  pgCpu = backendCpuMs(backend) - pgCpu;
  const used = process.cpuUsage(nodeCpu);
  const cpu = { node: (used.user + used.system) / 1000, pg: pgCpu };
  const first = await timed(() => listPage(db, listId, null, 1000));
  const mid = rows.members.subarray((rows.memberCount >> 1) * 16, ((rows.memberCount >> 1) + 1) * 16);
  const middle = await timed(() => listPage(db, listId, mid, 1000));
  const step = Math.floor(rows.linkCount / 100);
  // Edge k·step + k mod 11: mostly members with one edge (they leave), a few with two (they stay).
  const cps = Array.from({ length: 100 }, (_, k) => {
    const at = (k * step + (k % 11)) * LINK_SIZE;
    return rows.links.subarray(at + 16, at + 32);
  });
  let removed = 0;
  const now = new Date();
  const derived = await timed(() =>
    db.transaction().execute(async (trx) => {
      const out = await removeDerivedMembers(trx, now, {
        publicationId: cpPubId,
        collaborationId: randomUUID(),
        memberIds: idSet(cps),
      });
      removed = out.removed;
    }),
  );
  const ownIds = Array.from({ length: 100 }, (_, k) =>
    rows.members.subarray(k * 997 * 16, k * 997 * 16 + 16),
  );
  const own = await timed(() =>
    db.transaction().execute((trx) => removeOwnMembers(trx, pubId, idSet(ownIds))),
  );
  await dropListStorage(db, [listId]);
  await db.deleteFrom('lists').where('id', '=', listId).execute();
  return { store, cpu, first, middle, derived, own, removed, loadBefore, loadAfter: load() };
}

type Run = Awaited<ReturnType<typeof oneRun>>;

function report(n: number, rows: ListRows, out: Run[]): void {
  const pick = (k: 'store' | 'first' | 'middle' | 'derived' | 'own') => out.map((o) => o[k]);
  const ms = (k: 'first' | 'middle' | 'derived' | 'own', d = 0) =>
    pick(k)
      .map((x) => x.toFixed(d))
      .join(', ');
  console.log(`== ${n.toLocaleString('en-US')} members, ${rows.linkCount.toLocaleString('en-US')} edges`);
  console.log(
    `store (blocks, commit incl.): median ${(median(pick('store')) / 1000).toFixed(2)} s [${secs(pick('store'))}]`,
  );
  console.log(
    `store CPU, node + postgres backend: ${out.map((o) => `${(o.cpu.node / 1000).toFixed(2)} + ${(o.cpu.pg / 1000).toFixed(2)}`).join(', ')} s`,
  );
  console.log(`first page / middle page of 1,000: ${ms('first')} / ${ms('middle')} ms`);
  console.log(`counterpart withdrawal (100 members, ${out[0]?.removed} removed): ${ms('derived', 1)} ms`);
  console.log(`own withdrawal (100 members): ${ms('own', 1)} ms`);
  console.log(
    `load (1 min) before → after each run: ${out.map((o) => `${o.loadBefore}→${o.loadAfter}`).join(', ')}`,
  );
}

async function main() {
  const { dbName, admin, url } = await createBenchDatabase(server);
  const handle = await createDatabase<Database>({ url });
  try {
    await migrateToLatest(handle.db, migrations);
    for (const n of values.sizes.split(',').map((s) => Number(s.replace(/_/g, '')))) {
      const rows = synthRows(n);
      const out: Run[] = [];
      for (let r = 0; r < Number(values.runs); r++) out.push(await oneRun(handle.db, rows));
      report(n, rows, out);
      if (values.rows) {
        const asRows: number[] = [];
        for (let r = 0; r < Number(values.runs); r++)
          asRows.push(await storeAsRows(handle.db, randomUUID(), rows));
        console.log(`store (main's row layout): ${secs(asRows)} s; load ${load()}`);
      }
    }
  } finally {
    await handle.close();
    await admin.query(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  }
}

await main();
