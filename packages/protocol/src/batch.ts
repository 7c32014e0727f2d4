// The binary token batch format (v1): a fixed header and fixed-size records, with a streaming decoder.
//
// Layout (all integers big-endian):
//   header (48 bytes)  magic "CNCB" | u16 version=1 | u16 recordSize=53 | u32 recordCount | u32 flags=0
//                      | 32-byte SHA-256 of the record section
//   records            recordCount × 53 bytes:
//                      16-byte member id | u8 id type | 32-byte token | u32 purpose mask
// Fixed-size records let the clean room hand whole record runs to Postgres as one bytea and slice them there.
import { createHash, timingSafeEqual } from 'node:crypto';
import { ConcordError } from './errors.ts';

export const BATCH_MAGIC = Uint8Array.of(0x43, 0x4e, 0x43, 0x42); // "CNCB"
export const BATCH_VERSION = 1;
export const BATCH_HEADER_SIZE = 48;
export const MEMBER_ID_SIZE = 16;
export const TOKEN_SIZE = 32;
export const RECORD_SIZE = MEMBER_ID_SIZE + 1 + TOKEN_SIZE + 4; // 53
/** Upper bound per batch (≈26 MB) so a server can refuse oversized bodies before reading them. */
export const MAX_BATCH_RECORDS = 500_000;

// The id-type byte's values are the `wireCode`s of @concord/identity's registry (ID_WIRE_CODES); the clean room
// treats the byte as opaque (tokens of different types never collide: each type has its own key).

export interface BatchRecord {
  memberId: Uint8Array;
  idType: number;
  token: Uint8Array;
  purposeMask: number;
}

/** Accumulates records into one batch; `finish()` returns header + records ready to upload. */
export class BatchWriter {
  private buf: Uint8Array;
  private view: DataView;
  private count = 0;

  constructor(capacity = 1024) {
    this.buf = new Uint8Array(BATCH_HEADER_SIZE + capacity * RECORD_SIZE);
    this.view = new DataView(this.buf.buffer);
  }

  get length(): number {
    return this.count;
  }

  push(memberId: Uint8Array, idType: number, token: Uint8Array, purposeMask: number): void {
    if (memberId.length !== MEMBER_ID_SIZE) throw new RangeError('member id must be 16 bytes');
    if (token.length !== TOKEN_SIZE) throw new RangeError('token must be 32 bytes');
    if (!Number.isInteger(idType) || idType < 1 || idType > 255) throw new RangeError('bad id type');
    if (this.count >= MAX_BATCH_RECORDS) throw new RangeError(`a batch holds at most ${MAX_BATCH_RECORDS}`);
    const at = BATCH_HEADER_SIZE + this.count * RECORD_SIZE;
    if (at + RECORD_SIZE > this.buf.length) this.grow();
    this.buf.set(memberId, at);
    this.buf[at + 16] = idType;
    this.buf.set(token, at + 17);
    this.view.setUint32(at + 49, purposeMask >>> 0);
    this.count++;
  }

  /** Returns the encoded batch and resets the writer. */
  finish(): Uint8Array {
    const end = BATCH_HEADER_SIZE + this.count * RECORD_SIZE;
    const out = this.buf.slice(0, end);
    writeHeader(out, this.count);
    this.count = 0;
    return out;
  }

  private grow(): void {
    const next = new Uint8Array(Math.max(this.buf.length * 2, BATCH_HEADER_SIZE + RECORD_SIZE * 1024));
    next.set(this.buf);
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
}

function writeHeader(out: Uint8Array, count: number): void {
  const view = new DataView(out.buffer, out.byteOffset, BATCH_HEADER_SIZE);
  out.set(BATCH_MAGIC, 0);
  view.setUint16(4, BATCH_VERSION);
  view.setUint16(6, RECORD_SIZE);
  view.setUint32(8, count);
  view.setUint32(12, 0);
  const digest = createHash('sha256').update(out.subarray(BATCH_HEADER_SIZE)).digest();
  out.set(digest, 16);
}

/** Encodes a list of records (convenient for tests and small batches). */
export function encodeBatch(records: Iterable<BatchRecord>): Uint8Array {
  const writer = new BatchWriter();
  for (const r of records) writer.push(r.memberId, r.idType, r.token, r.purposeMask);
  return writer.finish();
}

export interface BatchHeader {
  version: number;
  recordCount: number;
  checksum: Uint8Array;
}

function badBatch(message: string): ConcordError {
  return new ConcordError('BAD_BATCH', message);
}

export function parseBatchHeader(bytes: Uint8Array): BatchHeader {
  if (bytes.length < BATCH_HEADER_SIZE) throw badBatch('batch shorter than its header');
  for (let i = 0; i < 4; i++) if (bytes[i] !== BATCH_MAGIC[i]) throw badBatch('not a Concord batch (magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, BATCH_HEADER_SIZE);
  const version = view.getUint16(4);
  if (version !== BATCH_VERSION) throw badBatch(`unsupported batch version ${version}`);
  if (view.getUint16(6) !== RECORD_SIZE) throw badBatch('unexpected record size');
  const recordCount = view.getUint32(8);
  if (recordCount > MAX_BATCH_RECORDS) throw badBatch(`batch exceeds ${MAX_BATCH_RECORDS} records`);
  return { version, recordCount, checksum: bytes.slice(16, 48) };
}

/** Reads one record out of a run of records (e.g. a chunk yielded by decodeBatchStream). */
export function readRecord(records: Uint8Array, index: number): BatchRecord {
  const at = index * RECORD_SIZE;
  const view = new DataView(records.buffer, records.byteOffset + at, RECORD_SIZE);
  return {
    memberId: records.slice(at, at + 16),
    idType: records[at + 16] ?? 0,
    token: records.slice(at + 17, at + 49),
    purposeMask: view.getUint32(49),
  };
}

export interface DecodeOptions {
  /** Records per yielded chunk (the last chunk may be smaller). */
  chunkRecords?: number;
}

export interface DecodedChunk {
  /** `count × RECORD_SIZE` bytes of whole records. */
  records: Uint8Array;
  count: number;
}

/**
 * Decodes a batch from a byte stream without holding it all: yields runs of whole records as they
 * arrive and throws BAD_BATCH at the end if the record count or checksum does not match. Consumers must
 * treat what they saw as provisional until the generator finishes (e.g. insert inside a transaction).
 */
export async function* decodeBatchStream(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: DecodeOptions = {},
): AsyncGenerator<DecodedChunk, BatchHeader> {
  const chunkBytes = Math.max(1, opts.chunkRecords ?? 20_000) * RECORD_SIZE;
  let header: BatchHeader | undefined;
  let headBuf = new Uint8Array(0);
  let pending = new Uint8Array(chunkBytes);
  let pendingLen = 0;
  let seen = 0;
  const hash = createHash('sha256');

  const flush = function* (): Generator<DecodedChunk> {
    const whole = pendingLen - (pendingLen % RECORD_SIZE);
    if (whole === 0) return;
    const out = pending.slice(0, whole);
    pending.copyWithin(0, whole, pendingLen);
    pendingLen -= whole;
    hash.update(out);
    seen += whole / RECORD_SIZE;
    if (header && seen > header.recordCount) throw badBatch('more records than the header declares');
    yield { records: out, count: whole / RECORD_SIZE };
  };

  for await (const piece of source) {
    let data = piece;
    if (!header) {
      const joined = new Uint8Array(headBuf.length + data.length);
      joined.set(headBuf);
      joined.set(data, headBuf.length);
      if (joined.length < BATCH_HEADER_SIZE) {
        headBuf = joined;
        continue;
      }
      header = parseBatchHeader(joined);
      data = joined.subarray(BATCH_HEADER_SIZE);
    }
    while (data.length > 0) {
      const take = Math.min(data.length, chunkBytes - pendingLen);
      pending.set(data.subarray(0, take), pendingLen);
      pendingLen += take;
      data = data.subarray(take);
      if (pendingLen === chunkBytes) yield* flush();
    }
  }
  if (!header) throw badBatch('batch shorter than its header');
  yield* flush();
  if (pendingLen !== 0) throw badBatch('truncated record at end of batch');
  if (seen !== header.recordCount) {
    throw badBatch(`header declares ${header.recordCount} records, body has ${seen}`);
  }
  const digest = hash.digest();
  if (!timingSafeEqual(digest, header.checksum)) throw badBatch('batch checksum mismatch');
  pending = new Uint8Array(0);
  return header;
}

/** Decodes a whole in-memory batch into records (tests, small batches). */
export async function decodeBatch(bytes: Uint8Array): Promise<BatchRecord[]> {
  const out: BatchRecord[] = [];
  for await (const chunk of decodeBatchStream([bytes])) {
    for (let i = 0; i < chunk.count; i++) out.push(readRecord(chunk.records, i));
  }
  return out;
}
