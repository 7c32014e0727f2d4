// Time-ordered UUIDs (RFC 9562 version 7) for bulk inserts: new keys land at the right edge of the primary-key
// index instead of random pages, which keeps million-row imports from thrashing the buffer cache.
import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `count` UUIDv7 strings, strictly increasing within the call (a counter breaks ties in one millisecond). */
export function uuidv7Batch(count: number, now = Date.now()): string[] {
  const random = randomFillSync(Buffer.alloc(count * 10));
  const out = new Array<string>(count);
  const ms = now.toString(16).padStart(12, '0');
  const time = `${ms.slice(0, 8)}-${ms.slice(8, 12)}`;
  for (let i = 0; i < count; i++) {
    const r = i * 10;
    // 12-bit sequence in rand_a keeps the batch ordered; rand_b stays random.
    const seq = (i & 0xfff).toString(16).padStart(3, '0');
    const variant = HEX[(random[r]! & 0x3f) | 0x80]!;
    let tail = '';
    for (let k = 2; k < 8; k++) tail += HEX[random[r + k]!];
    out[i] = `${time}-7${seq}-${variant}${HEX[random[r + 1]!]}-${tail}`;
  }
  return out;
}
