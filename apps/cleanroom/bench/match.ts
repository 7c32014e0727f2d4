// `pnpm bench:match [--sizes 1000000,10000000] [--json]`: publishes N members per side (email + phone each)
// through the real HTTP ingest path, matches them, and times the same work as a bare Postgres hash join over the
// same token tables in the same database and run. Creates and drops its own concord_bench_* database.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { type CleanroomClient, createCleanroomClient, createOperatorClient } from '@concord/protocol/client';
import { outputOfKind } from '@concord/protocol/contract/matches';
import { silentLogger } from '@concord/service';
import pg from 'pg';
import { CleanroomConfig } from '../src/env.ts';
import { tokenTableName } from '../src/ingest/token-table.ts';
import { forget } from '../src/match/engine/store.ts';
import { startCleanroom } from '../src/server.ts';
import { openDuckBench } from './duckdb.ts';
import { fill, publishSide, type Side } from './publish.ts';

// pnpm forwards a literal `--` before the flags; drop it.
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    sizes: { type: 'string', default: '1000000' },
    json: { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    overlap: { type: 'string', default: '0.5' },
    batch: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '2' },
    runs: { type: 'string', default: '3' },
    /** Keep the database and token tables for inspection (EXPLAIN) instead of dropping them. */
    keep: { type: 'boolean', default: false },
    /** Skip the cross-sell list run (it writes every matched member id; slow at 10M). */
    'no-list': { type: 'boolean', default: false },
    /** Skip the DuckDB comparison. */
    'no-duckdb': { type: 'boolean', default: false },
    /** DuckDB's memory_limit (its database file and spill directory live in the OS temp directory). */
    'duckdb-memory': { type: 'string', default: '4GB' },
  },
});
const server =
  values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sizes = values.sizes.split(',').map((s) => Number(s.replace(/_/g, '')));
const overlap = Number(values.overlap);
const batchRecords = Number(values.batch);
const concurrency = Number(values.concurrency);
const runs = Number(values.runs);
const OPERATOR = `bench-operator-${randomBytes(8).toString('hex')}`;
const PURPOSES = Array.from({ length: 8 }, (_, i) => `analytics.bench_${i}`);

let benchDatabaseUrl = '';
const databaseUrlOf = () => benchDatabaseUrl;
// With --json, progress goes to stderr (a long run that is cut off still leaves its figures) and stdout holds
// only the JSON line.
const log = (msg: string) => {
  (values.json ? process.stderr : process.stdout).write(`${msg}\n`);
};

const secs = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(3)).join(', ');
/** Peak resident memory of this process: the bench, the in-process clean room (engine cache) and DuckDB. */
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** DuckDB over the same two versions' tokens: load once, then `runs` plain joins and semi-join distinct counts. */
async function duckRounds(
  pa: { versionId: string; records: number },
  pb: { versionId: string; records: number },
) {
  const pool = new pg.Pool({ connectionString: databaseUrlOf(), max: 1 });
  const duck = await openDuckBench(values['duckdb-memory']);
  try {
    const loadMs =
      (await duck.load('a', pool, pa.versionId, pa.records)) +
      (await duck.load('b', pool, pb.versionId, pb.records));
    await duck.joinCount(); // warm-up
    const join: number[] = [];
    const semi: number[] = [];
    let semiCount = 0;
    for (let r = 0; r < runs; r++) {
      join.push((await duck.joinCount()).ms);
      const s = await duck.semiJoinDistinct(1);
      semi.push(s.ms);
      semiCount = s.count;
    }
    return { loadMs, join, semi, semiCount };
  } finally {
    duck.close();
    await pool.end();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

async function main() {
  const dbName = `concord_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  const url = new URL(server);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  benchDatabaseUrl = databaseUrl;
  const raw = new pg.Client({ connectionString: databaseUrl });
  const cleanroom = await startCleanroom(
    CleanroomConfig.parse({
      port: 0,
      databaseUrl,
      operatorToken: OPERATOR,
      logLevel: 'silent',
      sweepIntervalSeconds: 0,
    }),
    { logger: silentLogger() },
  );
  const results: Record<string, unknown>[] = [];
  try {
    await raw.connect();
    const settings = await raw.query(
      `select name, setting, unit from pg_settings where name in ('work_mem','shared_buffers','max_parallel_workers_per_gather','hash_mem_multiplier') order by name`,
    );
    const pgVersion = (await raw.query('show server_version')).rows[0].server_version as string;
    log(
      `Postgres ${pgVersion}; ${settings.rows.map((r) => `${r.name}=${r.setting}${r.unit ?? ''}`).join(', ')}`,
    );
    const operator = createOperatorClient({ baseUrl: cleanroom.url, operatorToken: OPERATOR });
    const partners = await Promise.all(
      ['bench-a', 'bench-b'].map((name) =>
        operator.addPartner({ name, industry: 'retail', publicKey: randomBytes(32).toString('base64url') }),
      ),
    );
    const [ca, cb] = partners.map((p) =>
      createCleanroomClient({ baseUrl: cleanroom.url, credential: p.credential }),
    ) as [CleanroomClient, CleanroomClient];
    const envelope = (partnerId: string) => ({
      partnerId,
      alg: 'X25519-HKDF-SHA256-XChaCha20Poly1305' as const,
      ephemeralPublicKey: randomBytes(32).toString('base64url'),
      nonce: randomBytes(24).toString('base64url'),
      ciphertext: randomBytes(48).toString('base64url'),
    });
    for (const n of sizes) {
      const { collaboration } = await ca.proposeCollaboration({
        name: 'bench',
        memberIds: [partners[1]!.partner.id],
        purposes: PURPOSES,
        policy: {
          kMin: 10,
          crossSellLists: true,
          referralLists: true,
          epsilonBudget: 100,
          epsilonPerQuery: 0.1,
          minSegmentSize: 1,
        },
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        wrappedSecrets: partners.map((p) => envelope(p.partner.id)),
      });
      await cb.approveCollaboration({ collaborationId: collaboration.id });
      log(
        `\n== ${n.toLocaleString('en-US')} members per side (2 identifiers each), overlap ${overlap * 100}% ==`,
      );
      const sideA: Side = { name: 'A', client: ca, first: 0, memberSeed: 0xa };
      const sideB: Side = { name: 'B', client: cb, first: Math.round(n * (1 - overlap)), memberSeed: 0xb };
      const pa = await publishSide(collaboration.id, sideA, n, `seg-${n}`, batchRecords, concurrency);
      const pb = await publishSide(collaboration.id, sideB, n, `seg-${n}`, batchRecords, concurrency);
      const ingestRate = (pa.records + pb.records) / ((pa.totalMs + pb.totalMs) / 1000);
      log(
        `ingest A: ${pa.records.toLocaleString('en-US')} tokens in ${(pa.totalMs / 1000).toFixed(2)} s (upload ${(pa.uploadMs / 1000).toFixed(2)} s, commit ${(pa.commitMs / 1000).toFixed(2)} s)`,
      );
      log(
        `ingest B: ${pb.records.toLocaleString('en-US')} tokens in ${(pb.totalMs / 1000).toFixed(2)} s (upload ${(pb.uploadMs / 1000).toFixed(2)} s, commit ${(pb.commitMs / 1000).toFixed(2)} s)`,
      );
      log(`ingest: ${Math.round(ingestRate).toLocaleString('en-US')} tokens/s (begin → commit, over HTTP)`);

      const ta = tokenTableName(pa.versionId);
      const tb = tokenTableName(pb.versionId);
      const bare = `select count(*) from "${ta}" a join "${tb}" b on a.token = b.token`;
      await raw.query(bare); // warm the cache for both contenders
      const insight = (purpose: string) =>
        ca.requestMatch({
          collaborationId: collaboration.id,
          requesterPublicationId: pa.publicationId,
          partnerPublicationIds: [pb.publicationId],
          purpose,
          kind: 'insight',
        });
      // Cold: the runs are loaded from Postgres (engine_runs), as after a restart of the clean room.
      forget(pa.versionId);
      forget(pb.versionId);
      const tc = performance.now();
      await insight(PURPOSES[6]!);
      const coldMs = performance.now() - tc;
      const ours: number[] = [];
      const bares: number[] = [];
      let bareCount = 0;
      let noisy = 0;
      for (let r = 0; r < runs; r++) {
        // A distinct purpose per run: a repeated query would be answered from cache.
        const t0 = performance.now();
        const out = await insight(PURPOSES[r % 6]!);
        ours.push(performance.now() - t0);
        noisy = outputOfKind(out, 'insight').insight.cells[0]?.count ?? -1;
        const t1 = performance.now();
        bareCount = Number((await raw.query(bare)).rows[0].count);
        bares.push(performance.now() - t1);
      }
      const duck = values['no-duckdb'] ? null : await duckRounds(pa, pb);
      const t2 = performance.now();
      const list = values['no-list']
        ? null
        : await ca.requestMatch({
            collaborationId: collaboration.id,
            requesterPublicationId: pa.publicationId,
            partnerPublicationIds: [pb.publicationId],
            purpose: PURPOSES[7]!,
            kind: 'cross_sell_list',
          });
      const listMs = performance.now() - t2;
      // A consent withdrawal on the live side: 100 of A's members leave (a typical outbox batch), timed over HTTP.
      const leaving = Array.from({ length: 100 }, (_, k) => {
        const id = new Uint8Array(16);
        fill(id, new DataView(id.buffer), sideA.memberSeed, k * Math.floor(n / 100), 4);
        return Buffer.from(id).toString('hex');
      });
      const t3 = performance.now();
      const delta = await ca.sendDeltas({ publicationId: pa.publicationId, removeMemberIds: leaving });
      const deltaMs = performance.now() - t3;
      if (delta.removedTokens !== 200)
        throw new Error(`delta removed ${delta.removedTokens} tokens, not 200`);
      const expected = Math.round(n * overlap);
      const listSize = list?.kind === 'cross_sell_list' ? list.list.size : null;
      const oursMs = median(ours);
      const bareMs = median(bares);
      const duckSemiMs = duck ? median(duck.semi) : null;
      log(
        `match (engine; insight: distinct persons, purpose masks, noise, budget; HTTP round trip): ${(oursMs / 1000).toFixed(3)} s  [runs ${secs(ours)}; cold ${(coldMs / 1000).toFixed(3)} s]`,
      );
      log(
        `bare Postgres hash join (count(*) a join b on token): ${(bareMs / 1000).toFixed(3)} s  [runs ${secs(bares)}]`,
      );
      if (duck) {
        log(
          `DuckDB plain join on tk:                  ${(median(duck.join) / 1000).toFixed(3)} s  [runs ${secs(duck.join)}]`,
        );
        log(
          `DuckDB semi-join + distinct members:      ${(median(duck.semi) / 1000).toFixed(3)} s  [runs ${secs(duck.semi)}; load ${(duck.loadMs / 1000).toFixed(1)} s]`,
        );
      }
      log(
        `ratio vs bare Postgres = ${(oursMs / bareMs).toFixed(3)}; vs DuckDB semi-join = ${duckSemiMs ? (oursMs / duckSemiMs).toFixed(3) : '—'}`,
      );
      log(
        `check: overlap ${expected.toLocaleString('en-US')} persons; noisy insight ${noisy}; bare join rows ${bareCount.toLocaleString('en-US')} (2 per person); DuckDB distinct ${duck?.semiCount ?? '—'}; cross-sell list ${listSize} in ${(listMs / 1000).toFixed(2)} s`,
      );
      log(
        `withdrawal delta (100 members, live version): ${deltaMs.toFixed(1)} ms; peak RSS ${peakRssMb()} MB`,
      );
      results.push({
        membersPerSide: n,
        tokensPerSide: pa.records,
        overlap,
        ingestTokensPerSec: Math.round(ingestRate),
        ingestSeconds: { a: pa.totalMs / 1000, b: pb.totalMs / 1000 },
        commitSeconds: { a: pa.commitMs / 1000, b: pb.commitMs / 1000 },
        matchSeconds: oursMs / 1000,
        matchColdSeconds: coldMs / 1000,
        bareJoinSeconds: bareMs / 1000,
        ratio_vs_bare_postgres: oursMs / bareMs,
        ratio_vs_duckdb: duckSemiMs ? oursMs / duckSemiMs : null,
        matchRuns: ours.map((x) => x / 1000),
        bareRuns: bares.map((x) => x / 1000),
        duckdb: duck
          ? {
              loadSeconds: duck.loadMs / 1000,
              joinSeconds: median(duck.join) / 1000,
              semiJoinDistinctSeconds: median(duck.semi) / 1000,
              joinRuns: duck.join.map((x) => x / 1000),
              semiRuns: duck.semi.map((x) => x / 1000),
              distinctMembers: duck.semiCount,
            }
          : null,
        crossSellListSeconds: list ? listMs / 1000 : null,
        crossSellListSize: listSize,
        withdrawalDeltaMs: Math.round(deltaMs * 10) / 10,
        expectedOverlap: expected,
        bareJoinRows: bareCount,
        peakRssMb: peakRssMb(),
      });
      if (values.keep) log(`kept: database ${dbName}, tables ${ta} ${tb}`);
      // Ends the collaboration (one member left), which drops every token table of this size.
      else await ca.leaveCollaboration({ collaborationId: collaboration.id });
    }
  } finally {
    await raw.end().catch(() => undefined);
    await cleanroom.stop();
    if (!values.keep) await admin.query(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  }
  if (values.json) process.stdout.write(`${JSON.stringify({ bench: 'match', results })}\n`);
}

await main();
