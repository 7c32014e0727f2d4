// The binary batch format: round trips, streaming decode under any chunking, and BAD_BATCH for every corruption.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BATCH_HEADER_SIZE,
  BatchWriter,
  decodeBatch,
  decodeBatchStream,
  encodeBatch,
  RECORD_SIZE,
  readRecord,
} from '../src/batch.ts';
import { ConcordError } from '../src/errors.ts';

function sample(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    memberId: new Uint8Array(randomBytes(16)),
    idType: i % 2 ? 2 : 1,
    token: new Uint8Array(randomBytes(32)),
    purposeMask: i === 0 ? 0xffffffff : i * 7,
  }));
}

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof ConcordError ? e.code : String(e);
  }
}

async function collect(chunks: Uint8Array[], chunkRecords?: number) {
  const out = [];
  for await (const c of decodeBatchStream(chunks, chunkRecords ? { chunkRecords } : {})) {
    for (let i = 0; i < c.count; i++) out.push(readRecord(c.records, i));
  }
  return out;
}

describe('batch format v1', () => {
  it('has a 48-byte header and 53-byte records', () => {
    const bytes = encodeBatch(sample(3));
    expect(bytes.length).toBe(BATCH_HEADER_SIZE + 3 * RECORD_SIZE);
    expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('CNCB');
    expect(new DataView(bytes.buffer).getUint32(8)).toBe(3);
  });

  it('round-trips records, including a full 32-bit purpose mask', async () => {
    const records = sample(100);
    const decoded = await decodeBatch(encodeBatch(records));
    expect(decoded).toEqual(records.map((r) => ({ ...r, purposeMask: r.purposeMask >>> 0 })));
  });

  it('decodes the same records whatever the network chunking and chunk size', async () => {
    const records = sample(257);
    const bytes = encodeBatch(records);
    for (const piece of [1, 7, 48, 53, 1000, bytes.length]) {
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += piece) chunks.push(bytes.subarray(at, at + piece));
      for (const chunkRecords of [1, 10, 100_000]) {
        const out = await collect(chunks, chunkRecords);
        expect(out.map((r) => Buffer.from(r.token).toString('hex'))).toEqual(
          records.map((r) => Buffer.from(r.token).toString('hex')),
        );
      }
    }
  });

  it('grows past its initial capacity and resets after finish', async () => {
    const w = new BatchWriter(1);
    for (const r of sample(5000)) w.push(r.memberId, r.idType, r.token, r.purposeMask);
    expect((await decodeBatch(w.finish())).length).toBe(5000);
    expect(w.length).toBe(0);
    expect((await decodeBatch(w.finish())).length).toBe(0);
  });

  it('refuses wrong field sizes when writing', () => {
    const w = new BatchWriter();
    expect(() => w.push(new Uint8Array(15), 1, new Uint8Array(32), 0)).toThrow(RangeError);
    expect(() => w.push(new Uint8Array(16), 1, new Uint8Array(31), 0)).toThrow(RangeError);
    expect(() => w.push(new Uint8Array(16), 0, new Uint8Array(32), 0)).toThrow(RangeError);
  });

  it('answers BAD_BATCH for a bad magic, version, checksum, count or truncation', async () => {
    const good = encodeBatch(sample(10));
    const flip = (at: number) => {
      const b = good.slice();
      b[at] = (b[at] ?? 0) ^ 0xff;
      return b;
    };
    expect(await codeOf(decodeBatch(flip(0)))).toBe('BAD_BATCH'); // magic
    expect(await codeOf(decodeBatch(flip(5)))).toBe('BAD_BATCH'); // version
    expect(await codeOf(decodeBatch(flip(20)))).toBe('BAD_BATCH'); // checksum
    expect(await codeOf(decodeBatch(flip(BATCH_HEADER_SIZE + 30)))).toBe('BAD_BATCH'); // record content
    expect(await codeOf(decodeBatch(flip(11)))).toBe('BAD_BATCH'); // record count
    expect(await codeOf(decodeBatch(good.subarray(0, good.length - 1)))).toBe('BAD_BATCH');
    expect(await codeOf(decodeBatch(good.subarray(0, good.length - RECORD_SIZE)))).toBe('BAD_BATCH');
    expect(await codeOf(decodeBatch(good.subarray(0, 20)))).toBe('BAD_BATCH');
    const extra = new Uint8Array(good.length + RECORD_SIZE);
    extra.set(good);
    expect(await codeOf(decodeBatch(extra))).toBe('BAD_BATCH');
  });
});
