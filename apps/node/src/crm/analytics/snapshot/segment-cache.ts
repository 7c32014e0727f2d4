// Segment members cached per snapshot and per compiled segment query, kept exact by the same change log as the
// snapshot: a cached member mask is re-evaluated only for the customers changed since it was read. Evaluating a
// segment in the database (a scan of the customers, half a million members shipped) costs seconds at 1M
// customers; the in-memory pass over the masked customers costs a fraction of that.
import { type Expression, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { segmentMask } from './members.ts';
import type { Snapshot } from './store.ts';

/**
 * Tables whose every change is in the change log (migration 2026_12_01_0801): a segment reading only these
 * changes membership only for the customers logged. Any other table (interactions, identifiers, loyalty
 * events, survey keys…) makes the segment uncacheable.
 */
const WATCHED = new Set([
  'customer',
  'customer_demographics',
  'loyalty_member',
  'customer_value',
  'purchase',
  'survey_answer',
]);
/** SQL time functions: a segment using them changes without any write, so it is never cached. */
const CLOCK = /\b(now|current_date|current_timestamp|localtimestamp|clock_timestamp|statement_timestamp)\b/i;
/** Every name after FROM / JOIN: table names, and (conservatively) anything else that reads like one. */
const SOURCES = /\b(?:from|join)\s+("?)([a-z_][a-z0-9_$]*)\1/gi;
/** Segments kept per snapshot (a mask is one byte per customer slot: 1 MB at 1M customers). */
export const MAX_CACHED_SEGMENTS = 8;
/** Past this many changed customers a cached segment is evaluated in full again rather than per customer. */
const MAX_PENDING = 50_000;
const RECHECK_CHUNK = 5_000;

interface Entry {
  mask: Uint8Array;
  /** Customers changed since the mask was read; null: too many, evaluate in full. */
  pending: Set<string> | null;
}

const caches = new WeakMap<Snapshot, Map<string, Entry>>();

/**
 * The cache key of a segment query (its SQL text and parameters), or null when its result could change without a
 * logged change of the members themselves. Time windows (`withinDays`, age bands) are parameters computed from
 * the query's `asOf`, so a different `asOf` is a different key.
 */
export function segmentCacheKey(
  db: Kysely<Database> | Transaction<Database>,
  segment: Expression<unknown>,
): string | null {
  const compiled = sql`${segment}`.compile(db);
  if (CLOCK.test(compiled.sql)) return null;
  for (const m of compiled.sql.matchAll(SOURCES)) if (!WATCHED.has(m[2]!.toLowerCase())) return null;
  return JSON.stringify([compiled.sql, compiled.parameters]);
}

/** Records customers whose data the snapshot just reloaded: every cached segment re-checks them on next use. */
export function noteChangedCustomers(snap: Snapshot, ids: readonly string[]): void {
  if (ids.length === 0) return;
  for (const entry of caches.get(snap)?.values() ?? []) {
    if (entry.pending === null) continue;
    for (const id of ids) entry.pending.add(id);
    if (entry.pending.size > MAX_PENDING) entry.pending = null;
  }
}

/** Re-evaluates the segment for the pending customers only: they leave the mask, and those still matching return. */
async function recheck(
  trx: Transaction<Database>,
  snap: Snapshot,
  segment: Expression<unknown>,
  entry: Entry,
): Promise<void> {
  const ids = [...entry.pending!];
  for (let i = 0; i < ids.length; i += RECHECK_CHUNK) {
    const chunk = ids.slice(i, i + RECHECK_CHUNK);
    const { rows } = await sql<{ ids: string | null }>`
      select string_agg(s.id::text, ',') as ids from (${segment}) as s(id) where s.id = any(${chunk}::uuid[])`.execute(
      trx,
    );
    for (const id of chunk) {
      const s = snap.slotOf.get(id);
      if (s !== undefined) entry.mask[s] = 0;
    }
    for (const id of (rows[0]?.ids ?? '').split(',')) {
      const s = snap.slotOf.get(id);
      if (s !== undefined) entry.mask[s] = 1;
    }
  }
  entry.pending = new Set();
}

/**
 * The cached members of `segment` when nothing is pending for it: valid as of the snapshot's last refresh (the
 * caller checks that nothing changed since). Undefined when the segment must be (re-)evaluated.
 */
export function cachedMembers(
  db: Kysely<Database>,
  snap: Snapshot,
  segment: Expression<unknown>,
): Uint8Array | undefined {
  const key = segmentCacheKey(db, segment);
  const cache = key === null ? undefined : caches.get(snap);
  const entry = key === null ? undefined : cache?.get(key);
  if (!entry?.pending || entry.pending.size > 0 || entry.mask.length < snap.slots) return undefined;
  cache!.delete(key!);
  cache!.set(key!, entry); // most recently used last
  return entry.mask;
}

/**
 * Per slot, 1 for the segment's members as of `trx` (which must be the transaction the snapshot was just brought
 * up to date in). Cached masks are shared between calls: callers only read them.
 */
export async function segmentMembers(
  trx: Transaction<Database>,
  snap: Snapshot,
  segment: Expression<unknown>,
): Promise<Uint8Array> {
  const key = segmentCacheKey(trx, segment);
  if (key === null) return segmentMask(trx, snap, segment);
  let cache = caches.get(snap);
  if (!cache) {
    cache = new Map();
    caches.set(snap, cache);
  }
  let entry = cache.get(key);
  cache.delete(key); // re-inserted last: the map's order is least recently used first
  if (entry?.pending && entry.mask.length < snap.slots) {
    // Slots added since are new customers, hence pending; they start outside the segment.
    const grown = new Uint8Array(snap.slots);
    grown.set(entry.mask);
    entry.mask = grown;
  }
  if (entry?.pending) {
    if (entry.pending.size > 0) await recheck(trx, snap, segment, entry);
  } else entry = { mask: await segmentMask(trx, snap, segment), pending: new Set() };
  cache.set(key, entry);
  for (const old of cache.keys()) {
    if (cache.size <= MAX_CACHED_SEGMENTS) break;
    cache.delete(old);
  }
  return entry.mask;
}
