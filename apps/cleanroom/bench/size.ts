// One size of `pnpm bench:match`: ingest both sides over HTTP, time the insight (cold, then warm runs against the
// bare Postgres join), DuckDB over the same tokens, the cross-sell list (delivered, then its first page fetched)
// and a 100-member withdrawal; print the figures and return the JSON row.
import type { CleanroomClient } from '@concord/protocol/client';
import { outputOfKind } from '@concord/protocol/contract/matches';
import type pg from 'pg';
import { tokenTableName } from '../src/ingest/token-table.ts';
import { forget } from '../src/match/engine/store.ts';
import { fill, publishSide, type Side } from './publish.ts';

export interface BenchOptions {
  overlap: number;
  batchRecords: number;
  concurrency: number;
  runs: number;
  noList: boolean;
  purposes: string[];
  log: (msg: string) => void;
  duck: ((pa: Published, pb: Published) => Promise<DuckRounds>) | null;
}

export interface DuckRounds {
  loadMs: number;
  join: number[];
  semi: number[];
  semiCount: number;
}

type Published = Awaited<ReturnType<typeof publishSide>>;

export interface SizeContext {
  opts: BenchOptions;
  raw: pg.Client;
  ca: CleanroomClient;
  cb: CleanroomClient;
  collaborationId: string;
}

export const secs = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(3)).join(', ');
/** Peak resident memory of this process: the bench, the in-process clean room (engine cache) and DuckDB. */
export const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

async function ingest(ctx: SizeContext, n: number) {
  const { opts } = ctx;
  const sideA: Side = { name: 'A', client: ctx.ca, first: 0, memberSeed: 0xa };
  const sideB: Side = {
    name: 'B',
    client: ctx.cb,
    first: Math.round(n * (1 - opts.overlap)),
    memberSeed: 0xb,
  };
  const pa = await publishSide(
    ctx.collaborationId,
    sideA,
    n,
    `seg-${n}`,
    opts.batchRecords,
    opts.concurrency,
  );
  const pb = await publishSide(
    ctx.collaborationId,
    sideB,
    n,
    `seg-${n}`,
    opts.batchRecords,
    opts.concurrency,
  );
  const rate = (pa.records + pb.records) / ((pa.totalMs + pb.totalMs) / 1000);
  for (const [name, p] of [['A', pa] as const, ['B', pb] as const]) {
    opts.log(
      `ingest ${name}: ${p.records.toLocaleString('en-US')} tokens in ${(p.totalMs / 1000).toFixed(2)} s (upload ${(p.uploadMs / 1000).toFixed(2)} s, commit ${(p.commitMs / 1000).toFixed(2)} s)`,
    );
  }
  opts.log(`ingest: ${Math.round(rate).toLocaleString('en-US')} tokens/s (begin → commit, over HTTP)`);
  return { pa, pb, sideA, rate };
}

/** Cold insight (runs loaded from Postgres), then `runs` warm insights each followed by the bare join. */
async function insights(ctx: SizeContext, pa: Published, pb: Published) {
  const { opts } = ctx;
  const bare = `select count(*) from "${tokenTableName(pa.versionId)}" a join "${tokenTableName(pb.versionId)}" b on a.token = b.token`;
  await ctx.raw.query(bare); // warm the cache for both contenders
  const insight = (purpose: string) =>
    ctx.ca.requestMatch({
      collaborationId: ctx.collaborationId,
      requesterPublicationId: pa.publicationId,
      partnerPublicationIds: [pb.publicationId],
      purpose,
      kind: 'insight',
    });
  forget(pa.versionId);
  forget(pb.versionId);
  const tc = performance.now();
  await insight(opts.purposes[6] as string);
  const coldMs = performance.now() - tc;
  const ours: number[] = [];
  const bares: number[] = [];
  let bareCount = 0;
  let noisy = 0;
  for (let r = 0; r < opts.runs; r++) {
    // A distinct purpose per run: a repeated query would be answered from cache.
    const t0 = performance.now();
    const out = await insight(opts.purposes[r % 6] as string);
    ours.push(performance.now() - t0);
    noisy = outputOfKind(out, 'insight').insight.cells[0]?.count ?? -1;
    const t1 = performance.now();
    bareCount = Number((await ctx.raw.query(bare)).rows[0].count);
    bares.push(performance.now() - t1);
  }
  return { coldMs, ours, bares, bareCount, noisy };
}

/** One cross-sell list: delivered (stored) over HTTP, then its first page fetched. */
async function oneList(ctx: SizeContext, pa: Published, pb: Published, purpose: string) {
  const t0 = performance.now();
  const out = await ctx.ca.requestMatch({
    collaborationId: ctx.collaborationId,
    requesterPublicationId: pa.publicationId,
    partnerPublicationIds: [pb.publicationId],
    purpose,
    kind: 'cross_sell_list',
  });
  const deliverMs = performance.now() - t0;
  const { list } = outputOfKind(out, 'cross_sell_list');
  const t1 = performance.now();
  const page = await ctx.ca.fetchList({ listId: list.listId, limit: 1000 });
  const fetchMs = performance.now() - t1;
  if (page.memberIds.length !== Math.min(1000, list.size)) throw new Error('list page is short');
  return { size: list.size, deliverMs, fetchMs };
}

/**
 * Two lists for two purposes: the first loads the runs' tails from Postgres (the cold insight before it left the
 * runs cached without them, as after a restart), the second finds them in memory.
 */
async function crossSell(ctx: SizeContext, pa: Published, pb: Published) {
  if (ctx.opts.noList) return null;
  const first = await oneList(ctx, pa, pb, ctx.opts.purposes[7] as string);
  const warm = await oneList(ctx, pa, pb, ctx.opts.purposes[5] as string);
  return { ...first, warmDeliverMs: warm.deliverMs };
}

/** A consent withdrawal on the live side: 100 of A's members leave (a typical outbox batch), timed over HTTP. */
async function withdrawal(ctx: SizeContext, pa: Published, sideA: Side, n: number) {
  const leaving = Array.from({ length: 100 }, (_, k) => {
    const id = new Uint8Array(16);
    fill(id, new DataView(id.buffer), sideA.memberSeed, k * Math.floor(n / 100), 4);
    return Buffer.from(id).toString('hex');
  });
  const t = performance.now();
  const delta = await ctx.ca.sendDeltas({ publicationId: pa.publicationId, removeMemberIds: leaving });
  const ms = performance.now() - t;
  if (delta.removedTokens !== 200) throw new Error(`delta removed ${delta.removedTokens} tokens, not 200`);
  return ms;
}

/** Runs one size and returns its JSON row. */
export async function benchSize(ctx: SizeContext, n: number): Promise<Record<string, unknown>> {
  const { pa, pb, sideA, rate } = await ingest(ctx, n);
  const ins = await insights(ctx, pa, pb);
  const duck = ctx.opts.duck ? await ctx.opts.duck(pa, pb) : null;
  const list = await crossSell(ctx, pa, pb);
  const deltaMs = await withdrawal(ctx, pa, sideA, n);
  const m = { n, pa, pb, rate, ins, duck, list, deltaMs, expected: Math.round(n * ctx.opts.overlap) };
  const measured: Measured = { ...m, overlap: ctx.opts.overlap };
  printSize(ctx.opts.log, measured);
  return resultRow(measured);
}

type Measured = {
  n: number;
  pa: Published;
  pb: Published;
  rate: number;
  ins: Awaited<ReturnType<typeof insights>>;
  duck: DuckRounds | null;
  list: Awaited<ReturnType<typeof crossSell>>;
  deltaMs: number;
  expected: number;
  overlap: number;
};

function printSize(log: (msg: string) => void, m: Measured): void {
  const { ins, duck, list } = m;
  const oursMs = median(ins.ours);
  const bareMs = median(ins.bares);
  log(
    `match (engine; insight: distinct persons, purpose masks, noise, budget; HTTP round trip): ${(oursMs / 1000).toFixed(3)} s  [runs ${secs(ins.ours)}; cold ${(ins.coldMs / 1000).toFixed(3)} s]`,
  );
  log(
    `bare Postgres hash join (count(*) a join b on token): ${(bareMs / 1000).toFixed(3)} s  [runs ${secs(ins.bares)}]`,
  );
  if (duck) {
    log(
      `DuckDB plain join on tk:                  ${(median(duck.join) / 1000).toFixed(3)} s  [runs ${secs(duck.join)}]`,
    );
    log(
      `DuckDB semi-join + distinct members:      ${(median(duck.semi) / 1000).toFixed(3)} s  [runs ${secs(duck.semi)}; load ${(duck.loadMs / 1000).toFixed(1)} s]`,
    );
  }
  const duckSemiMs = duck ? median(duck.semi) : null;
  log(
    `ratio vs bare Postgres = ${(oursMs / bareMs).toFixed(3)}; vs DuckDB semi-join = ${duckSemiMs ? (oursMs / duckSemiMs).toFixed(3) : '—'}`,
  );
  log(
    `check: overlap ${m.expected.toLocaleString('en-US')} persons; noisy insight ${ins.noisy}; bare join rows ${ins.bareCount.toLocaleString('en-US')} (2 per person); DuckDB distinct ${duck?.semiCount ?? '—'}; cross-sell list ${list?.size ?? '—'} delivered in ${list ? (list.deliverMs / 1000).toFixed(2) : '—'} s (tails loaded; with tails in memory ${list ? (list.warmDeliverMs / 1000).toFixed(2) : '—'} s), first page in ${list ? list.fetchMs.toFixed(0) : '—'} ms`,
  );
  log(`withdrawal delta (100 members, live version): ${m.deltaMs.toFixed(1)} ms; peak RSS ${peakRssMb()} MB`);
}

function resultRow(m: Measured): Record<string, unknown> {
  const { pa, pb, ins, duck, list } = m;
  const oursMs = median(ins.ours);
  const bareMs = median(ins.bares);
  const duckSemiMs = duck ? median(duck.semi) : null;
  return {
    membersPerSide: m.n,
    tokensPerSide: pa.records,
    overlap: m.overlap,
    ingestTokensPerSec: Math.round(m.rate),
    ingestSeconds: { a: pa.totalMs / 1000, b: pb.totalMs / 1000 },
    commitSeconds: { a: pa.commitMs / 1000, b: pb.commitMs / 1000 },
    matchSeconds: oursMs / 1000,
    matchColdSeconds: ins.coldMs / 1000,
    bareJoinSeconds: bareMs / 1000,
    ratio_vs_bare_postgres: oursMs / bareMs,
    ratio_vs_duckdb: duckSemiMs ? oursMs / duckSemiMs : null,
    matchRuns: ins.ours.map((x) => x / 1000),
    bareRuns: ins.bares.map((x) => x / 1000),
    duckdb: duck && {
      loadSeconds: duck.loadMs / 1000,
      joinSeconds: median(duck.join) / 1000,
      semiJoinDistinctSeconds: median(duck.semi) / 1000,
      joinRuns: duck.join.map((x) => x / 1000),
      semiRuns: duck.semi.map((x) => x / 1000),
      distinctMembers: duck.semiCount,
    },
    crossSellListSeconds: list ? list.deliverMs / 1000 : null,
    crossSellListWarmSeconds: list ? list.warmDeliverMs / 1000 : null,
    crossSellListFirstPageMs: list ? Math.round(list.fetchMs) : null,
    crossSellListSize: list?.size ?? null,
    withdrawalDeltaMs: Math.round(m.deltaMs * 10) / 10,
    expectedOverlap: m.expected,
    bareJoinRows: ins.bareCount,
    peakRssMb: peakRssMb(),
  };
}
