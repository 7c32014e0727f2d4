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
