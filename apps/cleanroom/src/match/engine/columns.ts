// A version's (tk, mk, purpose_mask) columns for the run build at commit: from the keys stored beside each batch
// (engine_parts), or — for versions whose batches predate them — out of the token table: binary
// `COPY … TO STDOUT` on a pg pool connection (fixed 34-byte tuples parsed in place), or one row per token
// through kysely where there is no pool (PGlite). The bench also uses the COPY reader to feed DuckDB.
import { type Kysely, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Database } from '../../db/database.ts';
import { tokenTable, tokenTableName } from '../../ingest/token-table.ts';
import { bytes } from '../../lib/encoding.ts';
import { copyOutRows, versionUuid } from './copy-out.ts';
import { cachedParts } from './part-cache.ts';
import { KEY_HEAD, KEY_SIZE, TAIL_SIZE } from './parts.ts';
import { emptyColumns, type TokenColumns } from './run.ts';

/** Binary COPY: 19-byte header, then per tuple int16 field count + (int32 len + value) × (int8, int8, int4), and
 * with tails (bytea 24: the token's last bytes, bytea 16: the member id). */
const HEADER = 19;
const KEYS_TUPLE = 34;
const TAILS_TUPLE = KEYS_TUPLE + 4 + 24 + 4 + 16;

function grow(c: TokenColumns): TokenColumns {
  const next = emptyColumns(Math.max(1024, c.tkHi.length * 2), c.tails !== null);
  next.tkHi.set(c.tkHi);
  next.tkLo.set(c.tkLo);
  next.mkHi.set(c.mkHi);
  next.mkLo.set(c.mkLo);
  next.mask.set(c.mask);
  if (c.tails) next.tails?.set(c.tails);
  next.n = c.n;
  return next;
}

function parseTuples(c: TokenColumns, buf: Buffer, count: number): TokenColumns {
  let cols = c;
  while (cols.n + count > cols.tkHi.length) cols = grow(cols);
  const size = cols.tails ? TAILS_TUPLE : KEYS_TUPLE;
  for (let t = 0; t < count; t++) {
    const o = t * size;
    const i = cols.n++;
    cols.tkHi[i] = buf.readUInt32BE(o + 6);
    cols.tkLo[i] = buf.readUInt32BE(o + 10);
    cols.mkHi[i] = buf.readUInt32BE(o + 18);
    cols.mkLo[i] = buf.readUInt32BE(o + 22);
    cols.mask[i] = buf.readInt32BE(o + 30);
    if (cols.tails) {
      buf.copy(cols.tails, i * TAIL_SIZE, o + 38, o + 62);
      buf.copy(cols.tails, i * TAIL_SIZE + 24, o + 66, o + 82);
    }
  }
  return cols;
}

/** Binary COPY of the version's (tk, mk, purpose_mask) on a pool connection (committed rows only). */
export async function copyTokenColumns(
  pool: pg.Pool,
  versionId: string,
  capacity: number,
  withTails = false,
): Promise<TokenColumns> {
  const client = await pool.connect();
  const tails = withTails ? ', substring(token from 9), member_id' : '';
  const TUPLE = withTails ? TAILS_TUPLE : KEYS_TUPLE;
  try {
    const stream = client.query(
      copyTo(
        `copy (select tk, mk, purpose_mask${tails} from "${tokenTableName(versionId)}") to stdout with (format binary)`,
      ),
    );
    let cols = emptyColumns(capacity, withTails);
    let carry = Buffer.alloc(0);
    let skip = HEADER;
    for await (const piece of stream as AsyncIterable<Buffer>) {
      let buf = carry.length > 0 ? Buffer.concat([carry, piece]) : piece;
      if (skip > 0) {
        const cut = Math.min(skip, buf.length);
        buf = buf.subarray(cut);
        skip -= cut;
      }
      const whole = Math.floor(buf.length / TUPLE);
      // The 2-byte trailer (-1) is shorter than a tuple and stays in `carry`.
      cols = parseTuples(cols, buf, whole);
      carry = Buffer.from(buf.subarray(whole * TUPLE));
    }
    return cols;
  } finally {
    client.release();
  }
}

async function readWithSelect(
  db: Kysely<Database> | Transaction<Database>,
  versionId: string,
  capacity: number,
): Promise<TokenColumns> {
  const { rows } = await sql<{ t: Uint8Array; m: Uint8Array; p: number; token: Uint8Array; id: Uint8Array }>`
    select int8send(tk) as t, int8send(mk) as m, purpose_mask as p, token, member_id as id
    from ${tokenTable(versionId)}`.execute(db);
  const cols = emptyColumns(Math.max(capacity, rows.length), true);
  const tails = cols.tails as Uint8Array;
  for (const r of rows) {
    const t = Buffer.from(bytes(r.t));
    const m = Buffer.from(bytes(r.m));
    const i = cols.n++;
    cols.tkHi[i] = t.readUInt32BE(0);
    cols.tkLo[i] = t.readUInt32BE(4);
    cols.mkHi[i] = m.readUInt32BE(0);
    cols.mkLo[i] = m.readUInt32BE(4);
    cols.mask[i] = r.p;
    tails.set(bytes(r.token).subarray(8, 32), i * TAIL_SIZE);
    tails.set(bytes(r.id), i * TAIL_SIZE + 24);
  }
  return cols;
}

/** The version's stored batch keys, in seq order: by binary COPY on a pool connection, else through kysely. */
async function partBodies(trx: Transaction<Database>, pool: pg.Pool | undefined, versionId: string) {
  if (pool) {
    // Committed rows, read beside the commit transaction: it holds the version row, so no batch can land meanwhile.
    const rows = await copyOutRows(
      pool,
      `select records, body from engine_parts where version_id = '${versionUuid(versionId)}' order by seq`,
    );
    return rows.map(([records, body]) => ({
      records: (records as Buffer).readInt32BE(0),
      body: body as Buffer,
    }));
  }
  const parts = await trx
    .selectFrom('engine_parts')
    .select(['records', 'body'])
    .where('version_id', '=', versionId)
    .orderBy('seq')
    .execute();
  return parts.map((p) => ({ records: p.records, body: Buffer.from(bytes(p.body)) }));
}

/** Big-endian uint32 at `o` (inlined by V8; Buffer#readUInt32BE bounds-checks every call). */
function u32(b: Uint8Array, o: number): number {
  return (
    (((b[o] as number) << 24) |
      ((b[o + 1] as number) << 16) |
      ((b[o + 2] as number) << 8) |
      (b[o + 3] as number)) >>>
    0
  );
}

/** Parses stored 60-byte keys into columns (byte loops: no per-record native call or allocation). */
export function keysToColumns(bodies: Uint8Array[], records: number): TokenColumns {
  const cols = emptyColumns(records, true);
  const tails = cols.tails as Uint8Array;
  let i = 0;
  for (const b of bodies) {
    for (let o = 0; o < b.length; o += KEY_SIZE) {
      cols.tkHi[i] = u32(b, o);
      cols.tkLo[i] = u32(b, o + 4);
      cols.mkHi[i] = u32(b, o + 8);
      cols.mkLo[i] = u32(b, o + 12);
      cols.mask[i] = u32(b, o + 16) | 0;
      const t = i * TAIL_SIZE - KEY_HEAD;
      for (let k = o + KEY_HEAD; k < o + KEY_SIZE; k++) tails[t + k - o] = b[k] as number;
      i++;
    }
  }
  cols.n = i;
  return cols;
}

async function readParts(
  trx: Transaction<Database>,
  pool: pg.Pool | undefined,
  versionId: string,
  expected: { records: number; batches: number },
) {
  const { records, batches } = expected;
  // Kept in memory since upload (part-cache.ts): no read back from Postgres.
  const cached = cachedParts(versionId, batches, records);
  if (cached) return keysToColumns(cached, records);
  const parts = await partBodies(trx, pool, versionId);
  if (parts.reduce((n, p) => n + p.records, 0) !== records) return null;
  // Parts stored before keys carried tails (20 bytes a record): the token table has what lists need.
  if (parts.some((p) => p.body.byteLength !== p.records * KEY_SIZE)) return null;
  return keysToColumns(
    parts.map((p) => p.body),
    records,
  );
}

/**
 * The version's token columns; `records` is the committed record count. From the batches' keys when they are all
 * there: members withdrawn while the version uploaded are then still in the run and its tombstones hide them.
 */
export async function readTokenColumns(
  trx: Transaction<Database>,
  pool: pg.Pool | undefined,
  versionId: string,
  expected: { records: number; batches: number },
): Promise<TokenColumns> {
  const { records } = expected;
  const fromParts = await readParts(trx, pool, versionId, expected);
  if (fromParts) return fromParts;
  return pool ? copyTokenColumns(pool, versionId, records, true) : readWithSelect(trx, versionId, records);
}
