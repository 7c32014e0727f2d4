// The hash chain shared by the node's and the clean room's audit logs: canonical JSON, link hash, link check.
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/** The previous hash of the first event. */
export const GENESIS_HASH: Uint8Array = new Uint8Array(32);

function normalize(value: unknown): unknown {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : normalize(v)));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalize(v);
    }
    return out;
  }
  // JSON would silently turn these into null, so two different events could hash alike.
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new TypeError('canonical JSON must not hold NaN or Infinity');
  return value;
}

/**
 * Deterministic JSON: sorted keys at every level, Dates as ISO strings, bigints as decimal strings, bytes as
 * base64, undefined dropped. The same logical value always gives the same string, and it survives a jsonb
 * round trip (so a stored event re-hashes to its stored hash).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}

/** hash = SHA-256(prev_hash ‖ UTF-8(canonical event)). */
export function chainHash(prevHash: Uint8Array, canonicalEvent: string): Uint8Array {
  return sha256(concatBytes(prevHash, utf8ToBytes(canonicalEvent)));
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export type LinkBreak =
  /** The event's prev_hash is not the previous event's hash: the chain was re-written before this event. */
  | 'prev_hash_mismatch'
  /** The event's stored hash is not SHA-256(prev_hash ‖ event): the event was edited. */
  | 'hash_mismatch';

/** Checks one stored link against the hash the verifier carried from the previous event. */
export function checkLink(
  expectedPrev: Uint8Array,
  stored: { prevHash: Uint8Array; hash: Uint8Array },
  canonicalEvent: string,
): LinkBreak | null {
  if (!sameBytes(stored.prevHash, expectedPrev)) return 'prev_hash_mismatch';
  if (!sameBytes(chainHash(expectedPrev, canonicalEvent), stored.hash)) return 'hash_mismatch';
  return null;
}

/** One stored event as a verifier reads it: its seq, its stored links and its canonical JSON. */
export interface StoredEvent {
  seq: number;
  prevHash: Uint8Array;
  hash: Uint8Array;
  canonical: string;
}

/** Where a chain breaks: a link that does not hold, or a seq that is missing (an event was deleted). */
export type ChainBreak = LinkBreak | 'missing_event';

export interface ChainWalk {
  /** Events checked before the first break (all of them when none). */
  events: number;
  /** The last event's hash when the whole chain holds; null when empty or broken. */
  head: Uint8Array | null;
  firstBroken: { seq: number; reason: ChainBreak } | null;
}

/**
 * Recomputes a chain in seq order (1, 2, …) a page at a time, so memory stays bounded: `readPage(fromSeq, limit)`
 * returns up to `limit` stored events with seq ≥ fromSeq, in order. Names the first broken event; a gap in seq is
 * `missing_event` at the missing seq. Both services' `verifyAuditChain` are this walk over their own table.
 */
export async function walkChain(
  readPage: (fromSeq: number, limit: number) => Promise<StoredEvent[]>,
  pageSize: number,
): Promise<ChainWalk> {
  let prev = GENESIS_HASH;
  let expected = 1;
  let events = 0;
  for (;;) {
    const page = await readPage(expected, pageSize);
    for (const e of page) {
      if (e.seq !== expected)
        return { events, head: null, firstBroken: { seq: expected, reason: 'missing_event' } };
      const broken = checkLink(prev, e, e.canonical);
      if (broken) return { events, head: null, firstBroken: { seq: e.seq, reason: broken } };
      prev = e.hash;
      expected = e.seq + 1;
      events += 1;
    }
    if (page.length < pageSize) break;
  }
  return { events, head: events > 0 ? prev : null, firstBroken: null };
}
