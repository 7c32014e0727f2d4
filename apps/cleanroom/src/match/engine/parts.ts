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

/** Collects the keys of a batch's chunks as they pass. */
export function keyCollector() {
  const parts: Buffer[] = [];
  let records = 0;
  return {
    add(chunk: DecodedChunk) {
      const src = Buffer.from(chunk.records.buffer, chunk.records.byteOffset, chunk.count * RECORD_SIZE);
      const out = Buffer.allocUnsafe(chunk.count * KEY_SIZE);
      for (let i = 0; i < chunk.count; i++) {
        const r = i * RECORD_SIZE;
        const o = i * KEY_SIZE;
        src.copy(out, o, r + 17, r + 25); // tk: first 8 bytes of the token
        src.copy(out, o + 8, r, r + 8); // mk: first 8 bytes of the member id
        src.copy(out, o + 16, r + 49, r + 53); // purpose mask
        src.copy(out, o + 20, r + 25, r + 49); // tail: the token's last 24 bytes
        src.copy(out, o + 44, r, r + 16); // tail: the full member id
      }
      parts.push(out);
      records += chunk.count;
    },
    get records() {
      return records;
    },
    body: () => Buffer.concat(parts),
  };
}
