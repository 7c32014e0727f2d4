// Batch keys held in memory between upload and commit, so the commit's run build does not read them back from
// Postgres: `engine_parts` stays the durable copy (a restart, another clean room process or an evicted version
// make the commit read it as before). A batch is cached only after its transaction committed, so nothing of a
// failed or rolled-back upload is ever here; a retried seq replaces an identical body.
import { KEY_SIZE } from './parts.ts';

/** At most this many bytes of keys (60 B a token: ~35M tokens, e.g. a 10M-member version and a half). */
export const PART_CACHE_BYTES = 2 * 1024 ** 3;

const versions = new Map<string, Map<number, Buffer>>();
let held = 0;

/** Drops the cached keys of a version (committed, aborted, expired, or evicted). */
export function forgetParts(versionId: string): void {
  const parts = versions.get(versionId);
  if (!parts) return;
  versions.delete(versionId);
  for (const body of parts.values()) held -= body.byteLength;
}

/** Keeps a stored batch's keys; evicts the oldest versions whole when the bound would be passed. */
export function cachePart(versionId: string, seq: number, body: Buffer): void {
  if (body.byteLength > PART_CACHE_BYTES) {
    forgetParts(versionId);
    return;
  }
  let parts = versions.get(versionId);
  const prior = parts?.get(seq);
  if (prior) held -= prior.byteLength;
  parts?.delete(seq);
  while (held + body.byteLength > PART_CACHE_BYTES) {
    const oldest = versions.keys().next().value;
    if (oldest === undefined) break;
    forgetParts(oldest);
  }
  parts = versions.get(versionId);
  if (!parts) {
    parts = new Map();
    versions.set(versionId, parts);
  }
  parts.set(seq, body);
  held += body.byteLength;
}

/** The keys of batches 0..batchCount-1 in seq order when every one is cached and they hold `records` keys. */
export function cachedParts(versionId: string, batchCount: number, records: number): Buffer[] | null {
  const parts = versions.get(versionId);
  if (!parts || parts.size !== batchCount) return null;
  const out: Buffer[] = [];
  let keys = 0;
  for (let seq = 0; seq < batchCount; seq++) {
    const body = parts.get(seq);
    if (!body) return null;
    out.push(body);
    keys += body.byteLength / KEY_SIZE;
  }
  return keys === records ? out : null;
}

/** Bytes held now (tests and the bench). */
export function partCacheBytes(): number {
  return held;
}
