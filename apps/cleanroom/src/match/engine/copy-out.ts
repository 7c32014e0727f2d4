// Binary `COPY (query) TO STDOUT` into rows of raw field bytes, on a pool connection: bytea arrives as its bytes
// (a plain SELECT through kysely returns it as hex text, twice the size, decoded in JS). Meant for a few hundred
// large rows (engine parts and runs); the token table's millions of fixed-size tuples have their own reader
// (columns.ts).
import { ConcordError } from '@concord/protocol/errors';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A version id checked to be a uuid: it is spliced into COPY text, which takes no parameters. */
export function versionUuid(versionId: string): string {
  if (!UUID.test(versionId)) throw new ConcordError('INTERNAL', 'bad version id');
  return versionId;
}

/** Hands out exactly n bytes at a time from a stream of pieces, joining pieces only when a field spans them. */
class Bytes {
  private pieces: Buffer[] = [];
  private length = 0;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  async take(n: number): Promise<Buffer | null> {
    while (this.length < n) {
      const next = await this.source.next();
      if (next.done) return null;
      this.pieces.push(next.value);
      this.length += next.value.length;
    }
    this.length -= n;
    const head = this.pieces[0] as Buffer;
    if (head.length >= n) {
      if (head.length === n) this.pieces.shift();
      else this.pieces[0] = head.subarray(n);
      return head.subarray(0, n);
    }
    const all = Buffer.concat(this.pieces);
    this.pieces = all.length > n ? [all.subarray(n)] : [];
    return all.subarray(0, n);
  }
}

async function readRow(bytes: Bytes): Promise<Buffer[] | null> {
  const count = await bytes.take(2);
  if (!count) return null;
  const fields = count.readInt16BE(0);
  if (fields < 0) return null; // the trailer
  const row: Buffer[] = [];
  for (let f = 0; f < fields; f++) {
    const len = (await bytes.take(4))?.readInt32BE(0) ?? -1;
    row.push(len <= 0 ? Buffer.alloc(0) : ((await bytes.take(len)) as Buffer));
  }
  return row;
}

/** Runs `query` (no NULLs expected) and returns its rows as raw binary field values. */
export async function copyOutRows(pool: pg.Pool, query: string): Promise<Buffer[][]> {
  const client = await pool.connect();
  try {
    const stream = client.query(copyTo(`copy (${query}) to stdout with (format binary)`));
    const bytes = new Bytes((stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]());
    await bytes.take(19); // signature, flags, header extension length (0)
    const rows: Buffer[][] = [];
    for (let row = await readRow(bytes); row; row = await readRow(bytes)) rows.push(row);
    // Drain to the end so the connection goes back to the pool idle.
    for (let more = await bytes.take(1); more; more = await bytes.take(1)) {
      // nothing follows the trailer; consume whatever does
    }
    return rows;
  } finally {
    client.release();
  }
}
