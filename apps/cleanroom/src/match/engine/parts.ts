// The keys of each stored batch, kept beside it for the run build at commit: 60 bytes a record — tk, mk, purpose
// mask (big-endian, 20 bytes) and the tail lists verify against (the token's last 24 bytes and the full 16-byte
// member id, 40 bytes) — cut out of the batch records while they stream in and written in the batch's own
// transaction, so a batch and its keys are stored or rolled back together. Parts of the earlier 20-byte layout
// (no tail) are recognised by their length and make the build read the token table instead.
import { type DecodedChunk, RECORD_SIZE } from '@concord/protocol/batch';

export const KEY_SIZE = 60;
/** Bytes of a key before its tail (the earlier layout's whole key). */
export const KEY_HEAD = 20;
/** Per token: token bytes 8..32 then the member id. */
export const TAIL_SIZE = 40;

/**
 * Cuts the 60-byte keys out of one chunk of 53-byte records: tk (token bytes 0..8), mk (member id 0..8), the
 * purpose mask, then the tail (token bytes 8..32, the full member id). Plain byte loops: a Buffer#copy per field
 * costs a native call each, several times the copy itself at 10 fields per record.
 */
export function cutKeys(chunk: DecodedChunk): Buffer {
  const src = chunk.records;
  const out = Buffer.allocUnsafe(chunk.count * KEY_SIZE);
  for (let i = 0; i < chunk.count; i++) {
    const r = i * RECORD_SIZE;
    const o = i * KEY_SIZE;
    for (let k = 0; k < 8; k++) {
      out[o + k] = src[r + 17 + k] as number;
      out[o + 8 + k] = src[r + k] as number;
    }
    for (let k = 0; k < 4; k++) out[o + 16 + k] = src[r + 49 + k] as number;
    for (let k = 0; k < 24; k++) out[o + 20 + k] = src[r + 25 + k] as number;
    for (let k = 0; k < 16; k++) out[o + 44 + k] = src[r + k] as number;
  }
  return out;
}

/** Collects the keys of a batch's chunks as they pass. */
export function keyCollector() {
  const parts: Buffer[] = [];
  let records = 0;
  return {
    add(chunk: DecodedChunk) {
      parts.push(cutKeys(chunk));
      records += chunk.count;
    },
    get records() {
      return records;
    },
    body: () => (parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts)),
  };
}
