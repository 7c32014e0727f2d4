// `pnpm bench:match [--sizes 1000000,10000000] [--json]`: publishes N members per side (email + phone each)
// through the real HTTP ingest path, matches them, and times the same work as a bare Postgres hash join over the
// same token tables in the same database and run. Creates and drops its own concord_bench_* database.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { type CleanroomClient, createCleanroomClient, createOperatorClient } from '@concord/protocol/client';
import { silentLogger } from '@concord/service';
import pg from 'pg';
import { CleanroomConfig } from '../src/env.ts';
import { startCleanroom } from '../src/server.ts';
import { createBenchDatabase } from './bench-db.ts';
import { openDuckBench } from './duckdb.ts';
import type { publishSide } from './publish.ts';
import { type BenchOptions, benchSize, type DuckRounds } from './size.ts';

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

type Published = Awaited<ReturnType<typeof publishSide>>;

/** DuckDB over the same two versions' tokens: load once, then `runs` plain joins and semi-join distinct counts. */
async function duckRounds(pa: Published, pb: Published): Promise<DuckRounds> {
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

const options: BenchOptions = {
  overlap: Number(values.overlap),
  batchRecords: Number(values.batch),
  concurrency: Number(values.concurrency),
  runs,
  noList: values['no-list'],
  purposes: PURPOSES,
  log,
  duck: values['no-duckdb'] ? null : duckRounds,
};

/** The bench's own database and an in-process clean room on it. */
async function openBench() {
  const { dbName, admin, url } = await createBenchDatabase(server);
  benchDatabaseUrl = url;
  const raw = new pg.Client({ connectionString: benchDatabaseUrl });
  const cleanroom = await startCleanroom(
    CleanroomConfig.parse({
      port: 0,
      databaseUrl: benchDatabaseUrl,
      operatorToken: OPERATOR,
      logLevel: 'silent',
      sweepIntervalSeconds: 0,
    }),
    { logger: silentLogger() },
  );
  await raw.connect();
  return { dbName, admin, raw, cleanroom };
}

async function logSettings(raw: pg.Client) {
  const settings = await raw.query(
    `select name, setting, unit from pg_settings where name in ('work_mem','shared_buffers','max_parallel_workers_per_gather','hash_mem_multiplier') order by name`,
  );
  const pgVersion = (await raw.query('show server_version')).rows[0].server_version as string;
  log(
    `Postgres ${pgVersion}; ${settings.rows.map((r) => `${r.name}=${r.setting}${r.unit ?? ''}`).join(', ')}`,
  );
}

async function partnersOf(url: string) {
  const operator = createOperatorClient({ baseUrl: url, operatorToken: OPERATOR });
  const partners = await Promise.all(
    ['bench-a', 'bench-b'].map((name) =>
      operator.addPartner({ name, industry: 'retail', publicKey: randomBytes(32).toString('base64url') }),
    ),
  );
  const [ca, cb] = partners.map((p) => createCleanroomClient({ baseUrl: url, credential: p.credential })) as [
    CleanroomClient,
    CleanroomClient,
  ];
  return { ids: partners.map((p) => p.partner.id), ca, cb };
}

const envelope = (partnerId: string) => ({
  partnerId,
  alg: 'X25519-HKDF-SHA256-XChaCha20Poly1305' as const,
  ephemeralPublicKey: randomBytes(32).toString('base64url'),
  nonce: randomBytes(24).toString('base64url'),
  ciphertext: randomBytes(48).toString('base64url'),
});

async function openCollaboration(p: Awaited<ReturnType<typeof partnersOf>>): Promise<string> {
  const { collaboration } = await p.ca.proposeCollaboration({
    name: 'bench',
    memberIds: [p.ids[1] as string],
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
    wrappedSecrets: p.ids.map((id) => envelope(id)),
  });
  await p.cb.approveCollaboration({ collaborationId: collaboration.id });
  return collaboration.id;
}

async function main() {
  const { dbName, admin, raw, cleanroom } = await openBench();
  const results: Record<string, unknown>[] = [];
  try {
    await logSettings(raw);
    const p = await partnersOf(cleanroom.url);
    for (const n of sizes) {
      const collaborationId = await openCollaboration(p);
      log(
        `\n== ${n.toLocaleString('en-US')} members per side (2 identifiers each), overlap ${options.overlap * 100}% ==`,
      );
      results.push(await benchSize({ opts: options, raw, ca: p.ca, cb: p.cb, collaborationId }, n));
      if (values.keep) log(`kept: database ${dbName}`);
      // Ends the collaboration (one member left), which drops every token table of this size.
      else await p.ca.leaveCollaboration({ collaborationId });
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
