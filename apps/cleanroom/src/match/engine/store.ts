// Where runs live: Postgres (`engine_runs`, one row per version × kind × bucket — kind 0 tokens, 1 members,
// 2 tails for exact lists — written in the commit
// transaction, so a run is exactly as durable and as invisible-until-commit as its version) plus a process-local
// LRU cache of decoded runs bounded by RUN_CACHE_BYTES. Withdrawals are `engine_tombstones` rows.
import type { Kysely, Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from '../../db/database.ts';
import { bytes } from '../../lib/encoding.ts';
import { copyOutRows, versionUuid } from './copy-out.ts';
import type { LiveRun } from './merge.ts';
import { forgetParts } from './part-cache.ts';
import {
  BUCKETS,
  MEMBER_WORDS,
  memberOrdinal,
  runBytes,
  TAIL_WORDS,
  TOKEN_WORDS,
  type VersionRun,
} from './run.ts';

type DbOrTrx = Kysely<Database> | Transaction<Database>;

/**
 * Decoded runs kept in memory: 16 B per token + 8 B per member, plus 40 B per token of tails once a list needs
 * them (runs built at commit keep theirs): two 10M-member versions take ~0.5 GB, ~2.2 GB with tails.
 */
export const RUN_CACHE_BYTES = 3 * 1024 ** 3;
const cache = new Map<string, VersionRun>();
let cached = 0;

function remember(versionId: string, run: VersionRun): void {
  const size = runBytes(run);
  if (size > RUN_CACHE_BYTES) return;
  forget(versionId);
  while (cached + size > RUN_CACHE_BYTES) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    forget(oldest);
  }
  cache.set(versionId, run);
  cached += size;
}

/** Drops a version's run from the cache (its token table was dropped, or the transaction that built it failed). */
export function forget(versionId: string): void {
  const run = cache.get(versionId);
  if (!run) return;
  cache.delete(versionId);
  cached -= runBytes(run);
}

const ROWS_PER_INSERT = 32;

/** Writes a version's run (replacing any earlier attempt) in the caller's transaction. */
export async function saveRun(trx: Transaction<Database>, versionId: string, run: VersionRun): Promise<void> {
  await trx.deleteFrom('engine_runs').where('version_id', '=', versionId).execute();
  const rows: { version_id: string; kind: number; bucket: number; count: number; body: Uint8Array }[] = [];
  const cut = (kind: number, words: Uint32Array, starts: Uint32Array, stride: number) => {
    for (let b = 0; b < BUCKETS; b++) {
      const from = (starts[b] as number) * stride;
      const to = (starts[b + 1] as number) * stride;
      const body = new Uint8Array(words.buffer, words.byteOffset + from * 4, (to - from) * 4);
      rows.push({ version_id: versionId, kind, bucket: b, count: (to - from) / stride, body });
    }
  };
  cut(0, run.tokens, run.tokenStarts, TOKEN_WORDS);
  cut(1, run.members, run.memberStarts, MEMBER_WORDS);
  if (run.tails) cut(2, new Uint32Array(run.tails.buffer), run.tokenStarts, TAIL_WORDS);
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await trx
      .insertInto('engine_runs')
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .execute();
  }
  remember(versionId, run);
}

function concatWords(parts: Uint8Array[], total: number): Uint32Array {
  const out = new Uint32Array(total);
  const view = new Uint8Array(out.buffer);
  let at = 0;
  for (const p of parts) {
    view.set(p, at);
    at += p.byteLength;
  }
  return out;
}

interface RunRow {
  kind: number;
  bucket: number;
  count: number;
  body: Uint8Array;
}

/**
 * A version's stored run rows of the given kinds, in (kind, bucket) order. With a pool: binary COPY on a pool
 * connection (the body as raw bytes, not hex text — the cold start after a restart). Safe beside the caller's
 * transaction: a live version's run was committed with it and the caller has pinned the version.
 */
async function runRows(db: DbOrTrx, pool: pg.Pool | undefined, versionId: string, kinds: number[]) {
  if (pool) {
    const rows = await copyOutRows(
      pool,
      `select kind, bucket, count, body from engine_runs where version_id = '${versionUuid(versionId)}'
       and kind in (${kinds.join(',')}) order by kind, bucket`,
    );
    return rows.map(
      ([k, b, c, body]): RunRow => ({
        kind: (k as Buffer).readInt16BE(0),
        bucket: (b as Buffer).readInt16BE(0),
        count: (c as Buffer).readInt32BE(0),
        body: body as Buffer,
      }),
    );
  }
  return db
    .selectFrom('engine_runs')
    .select(['kind', 'bucket', 'count', 'body'])
    .where('version_id', '=', versionId)
    .where('kind', 'in', kinds)
    .orderBy('kind')
    .orderBy('bucket')
    .execute();
}

/** A version's run, from the cache or Postgres; null when the version has none (committed before the engine). */
export async function loadRun(db: DbOrTrx, versionId: string, pool?: pg.Pool): Promise<VersionRun | null> {
  const hit = cache.get(versionId);
  if (hit) {
    cache.delete(versionId);
    cache.set(versionId, hit);
    return hit;
  }
  const rows = await runRows(db, pool, versionId, [0, 1]);
  if (rows.length !== 2 * BUCKETS) return null;
  const parts: [Uint8Array[], Uint8Array[]] = [[], []];
  const starts = [new Uint32Array(BUCKETS + 1), new Uint32Array(BUCKETS + 1)] as const;
  const totals = [0, 0];
  for (const r of rows) {
    const k = r.kind as 0 | 1;
    parts[k].push(bytes(r.body));
    totals[k] = (totals[k] ?? 0) + r.body.byteLength;
    starts[k][r.bucket + 1] = (starts[k][r.bucket] as number) + r.count;
  }
  const run: VersionRun = {
    tokens: concatWords(parts[0], (totals[0] ?? 0) / 4),
    tokenStarts: starts[0],
    members: concatWords(parts[1], (totals[1] ?? 0) / 4),
    memberStarts: starts[1],
    tails: null,
  };
  remember(versionId, run);
  return run;
}

/**
 * The run with its tails (exact lists), loading them beside a cached run when they are not in memory yet; null
 * when the version has no run or was built without tails (lists then use the SQL join).
 */
export async function loadRunWithTails(
  db: DbOrTrx,
  versionId: string,
  pool?: pg.Pool,
): Promise<VersionRun | null> {
  const run = await loadRun(db, versionId, pool);
  if (!run || run.tails) return run;
  const rows = await runRows(db, pool, versionId, [2]);
  if (rows.length !== BUCKETS) return null;
  const bodies = rows.map((r) => bytes(r.body));
  const total = bodies.reduce((n, b) => n + b.byteLength, 0);
  if (total !== (run.tokens.length / TOKEN_WORDS) * TAIL_WORDS * 4) return null;
  const withTails = { ...run, tails: new Uint8Array(concatWords(bodies, total / 4).buffer) };
  remember(versionId, withTails);
  return withTails;
}

/** Records withdrawn members of a version for the engine (the token table loses their rows in the same transaction). */
export async function addTombstones(
  trx: Transaction<Database>,
  versionId: string,
  memberIds: Uint8Array[],
): Promise<void> {
  if (memberIds.length === 0) return;
  await trx
    .insertInto('engine_tombstones')
    .values(memberIds.map((m) => ({ version_id: versionId, member_id: m })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The run with its withdrawn members as a byte per ordinal (null when there are none). */
export async function liveRun(db: DbOrTrx, versionId: string, run: VersionRun): Promise<LiveRun> {
  const rows = await db
    .selectFrom('engine_tombstones')
    .select('member_id')
    .where('version_id', '=', versionId)
    .execute();
  if (rows.length === 0) return { run, dead: null, deadIds: null };
  const dead = new Uint8Array(run.members.length / MEMBER_WORDS);
  const deadIds = new Set<string>();
  for (const r of rows) {
    const id = Buffer.from(bytes(r.member_id));
    deadIds.add(id.toString('hex'));
    const o = memberOrdinal(run, id.readUInt32BE(0), id.readUInt32BE(4));
    if (o >= 0) dead[o] = 1;
  }
  return { run, dead, deadIds };
}

/** Removes a version's run and tombstones (its token table is being dropped). */
export async function dropRun(db: DbOrTrx, versionId: string): Promise<void> {
  await db.deleteFrom('engine_runs').where('version_id', '=', versionId).execute();
  await db.deleteFrom('engine_tombstones').where('version_id', '=', versionId).execute();
  await db.deleteFrom('engine_parts').where('version_id', '=', versionId).execute();
  forget(versionId);
  forgetParts(versionId);
}
