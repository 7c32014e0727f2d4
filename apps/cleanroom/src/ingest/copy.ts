// Postgres fast path for batch ingestion: binary COPY straight from the record bytes (pg-copy-streams).
// Why COPY: the int8 keys, mask and tokens go in as raw big-endian bytes with no per-row SQL function calls;
// it is about twice as fast as the portable INSERT … SELECT over one bytea (still used for PGlite).
import { once } from 'node:events';
import type { DecodedChunk } from '@concord/protocol/batch';
import { RECORD_SIZE } from '@concord/protocol/batch';
import { ConcordError } from '@concord/protocol/errors';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { tokenTableName } from './token-table.ts';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Per tuple: field count + 6 × (length + value) = 2 + 12 + 12 + 8 + 6 + 36 + 20. */
const TUPLE_SIZE = 96;

function header(): Buffer {
  const h = Buffer.alloc(SIGNATURE.length + 8);
  SIGNATURE.copy(h, 0);
  return h; // flags = 0, header extension length = 0
}

/** Writes a big-endian int32 length prefix (all lengths here are < 256). */
function len(out: Buffer, o: number, n: number): void {
  out[o] = 0;
  out[o + 1] = 0;
  out[o + 2] = 0;
  out[o + 3] = n;
}

/**
 * Re-lays one run of 53-byte records as binary COPY tuples (tk, mk, purpose_mask, id_type, token, member_id).
 * Byte loops, not Buffer#copy/writeInt32BE: six native calls per field cost more than the bytes they move.
 */
export function toCopyTuples(records: Uint8Array, count: number): Buffer {
  const src = records;
  const out = Buffer.allocUnsafe(count * TUPLE_SIZE);
  for (let i = 0; i < count; i++) {
    const r = i * RECORD_SIZE;
    const o = i * TUPLE_SIZE;
    out[o] = 0;
    out[o + 1] = 6;
    len(out, o + 2, 8); // tk: first 8 bytes of the token
    len(out, o + 14, 8); // mk: first 8 bytes of the member id
    for (let k = 0; k < 8; k++) {
      out[o + 6 + k] = src[r + 17 + k] as number;
      out[o + 18 + k] = src[r + k] as number;
    }
    len(out, o + 26, 4); // purpose_mask
    for (let k = 0; k < 4; k++) out[o + 30 + k] = src[r + 49 + k] as number;
    len(out, o + 34, 2); // id_type as int2
    out[o + 38] = 0;
    out[o + 39] = src[r + 16] as number;
    len(out, o + 40, 32); // token
    for (let k = 0; k < 32; k++) out[o + 44 + k] = src[r + 17 + k] as number;
    len(out, o + 76, 16); // member_id
    for (let k = 0; k < 16; k++) out[o + 80 + k] = src[r + k] as number;
  }
  return out;
}

/**
 * Streams decoded chunks into the version's token table with one COPY on `client` (inside the caller's
 * transaction). If the source throws (bad checksum, cut connection) the COPY is failed and the error rethrown.
 */
export async function copyChunks(
  client: pg.PoolClient,
  versionId: string,
  chunks: AsyncIterable<DecodedChunk>,
  onChunk: (chunk: DecodedChunk) => void,
): Promise<void> {
  const stream = client.query(
    copyFrom(
      `copy "${tokenTableName(versionId)}" (tk, mk, purpose_mask, id_type, token, member_id) from stdin with (format binary)`,
    ),
  );
  const finished = once(stream, 'finish');
  finished.catch(() => undefined); // observed below; avoid an unhandled rejection on the error path
  // Keep a COPY error from surfacing as an unhandled 'error' event while we are still writing.
  let failed: unknown;
  stream.on('error', (err) => {
    failed ??= err;
  });
  const write = async (buf: Buffer) => {
    if (failed) throw failed;
    if (!stream.write(buf)) await Promise.race([once(stream, 'drain'), finished]);
  };
  try {
    await write(header());
    for await (const chunk of chunks) {
      onChunk(chunk);
      await write(toCopyTuples(chunk.records, chunk.count));
    }
    const trailer = Buffer.alloc(2);
    trailer.writeInt16BE(-1);
    stream.end(trailer);
    await finished;
  } catch (error) {
    stream.destroy(error as Error);
    await once(stream, 'close').catch(() => undefined);
    // The batch's own fault (BAD_BATCH: checksum, record count) outranks the COPY failure it caused.
    throw error instanceof ConcordError ? error : (failed ?? error);
  }
  if (failed) throw failed;
}
