// Stores one binary batch into a version's token table: streamed, checksummed, all-or-nothing, idempotent per seq.
import {
  BATCH_HEADER_SIZE,
  type BatchHeader,
  type DecodedChunk,
  decodeBatchStream,
  parseBatchHeader,
  RECORD_SIZE,
} from '@concord/protocol/batch';
import { MAX_BATCH_SEQ } from '@concord/protocol/contract/publications';
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { requireActive } from '../collab/collaborations.ts';
import type { Database } from '../db/database.ts';
import { bytes } from '../lib/encoding.ts';
import { cachePart } from '../match/engine/part-cache.ts';
import { keyCollector } from '../match/engine/parts.ts';
import type { PartnerIdentity } from '../partners/partners.ts';
import { copyChunks } from './copy.ts';
import { ownedVersion } from './publications.ts';
import { tokenTable } from './token-table.ts';

/** Records per INSERT: one ~2.6 MB bytea parameter, sliced into rows by Postgres itself. */
const CHUNK_RECORDS = 50_000;

/** SQL for the big-endian int8 at record offset `at` (hex → bit(64) → int8 beats eight get_byte calls). */
function int8At(at: number) {
  return sql.raw(`('x' || encode(substring(b from o + ${at + 1} for 8), 'hex'))::bit(64)`);
}

/** Members in a run of records: a new member starts wherever the member id differs from the previous record. */
export function countMemberStarts(records: Uint8Array, count: number, previous: Uint8Array | null): number {
  let starts = 0;
  let prevAt = -1;
  for (let i = 0; i < count; i++) {
    const at = i * RECORD_SIZE;
    let same = true;
    for (let k = 0; k < 16; k++) {
      const before = prevAt >= 0 ? records[prevAt + k] : previous?.[k];
      if (before !== records[at + k]) {
        same = false;
        break;
      }
    }
    if (!same || (prevAt < 0 && !previous)) starts++;
    prevAt = at;
  }
  return starts;
}

/**
 * Inserts a run of fixed-size records with one statement. The records travel as a single bytea parameter and
 * Postgres slices them (substring/get_byte over generate_series): no per-row parameters, no JSON, and it works
 * the same on pg and PGlite (which has no COPY FROM STDIN). The purpose mask is reassembled big-endian into int4.
 */
export async function insertRecords(
  db: Kysely<Database> | Transaction<Database>,
  versionId: string,
  records: Uint8Array,
  count: number,
): Promise<void> {
  const param = Buffer.from(records.buffer, records.byteOffset, count * RECORD_SIZE);
  await sql`
    insert into ${tokenTable(versionId)} (tk, mk, purpose_mask, id_type, token, member_id)
    select ${int8At(17)}::int8, ${int8At(0)}::int8,
           (get_byte(b, o + 49) << 24) | (get_byte(b, o + 50) << 16) | (get_byte(b, o + 51) << 8) | get_byte(b, o + 52),
           get_byte(b, o + 16)::int2,
           substring(b from o + 18 for 32),
           substring(b from o + 1 for 16)
    from (select ${param}::bytea as b) p,
         lateral generate_series(0, ${count - 1}) i,
         lateral (select i * ${RECORD_SIZE} as o) x
  `.execute(db);
}

/** Reads the first `n` bytes of a stream and returns them plus an iterable of the whole stream. */
async function peek(source: AsyncIterable<Uint8Array>, n: number) {
  const it = source[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let have = 0;
  while (have < n) {
    const next = await it.next();
    if (next.done) break;
    seen.push(next.value);
    have += next.value.length;
  }
  const head = Buffer.concat(seen);
  const whole: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      if (head.length > 0) yield head;
      for (;;) {
        const next = await it.next();
        if (next.done) return;
        yield next.value;
      }
    },
  };
  return {
    head,
    whole,
    drain: async () => {
      for (;;) if ((await it.next()).done) return;
    },
  };
}

/**
 * PGlite path. PGlite has one connection, so the body is read and verified first (≤ 26 MB) and only then
 * inserted in one short transaction: a slow upload must not hold every other request behind it.
 */
async function storeWithInsert(
  db: Kysely<Database>,
  versionId: string,
  seq: number,
  header: BatchHeader,
  whole: AsyncIterable<Uint8Array>,
): Promise<void> {
  const counter = memberCounter();
  const keys = keyCollector();
  const chunks: DecodedChunk[] = [];
  for await (const chunk of decodeBatchStream(whole, { chunkRecords: CHUNK_RECORDS })) {
    counter.add(chunk);
    keys.add(chunk);
    chunks.push(chunk);
  }
  const body = keys.body();
  await db.transaction().execute(async (trx) => {
    // Share-lock the version: a concurrent commit or abort waits for this batch to finish or roll back.
    const locked = await trx
      .selectFrom('publication_versions')
      .select('status')
      .where('id', '=', versionId)
      .forShare()
      .executeTakeFirst();
    if (locked?.status !== 'uploading') throw new ConcordError('CONFLICT', 'version is no longer uploading');
    for (const chunk of chunks) await insertRecords(trx, versionId, chunk.records, chunk.count);
    await trx
      .insertInto('engine_parts')
      .values({ version_id: versionId, seq, records: keys.records, body })
      .execute();
    // Reached only when the record count and checksum held: the batch becomes part of the version.
    await trx
      .insertInto('publication_batches')
      .values({
        version_id: versionId,
        seq,
        records: header.recordCount,
        members: counter.members,
        checksum: header.checksum,
      })
      .execute();
  });
  cachePart(versionId, seq, body);
}

export interface IngestDeps {
  db: Kysely<Database>;
  /** Postgres only: a pg pool for the binary COPY fast path (PGlite uses INSERT … SELECT through kysely). */
  pool?: pg.Pool | undefined;
}

/** Counts members across chunks of one batch. */
function memberCounter() {
  let members = 0;
  let last: Uint8Array | null = null;
  return {
    add(chunk: DecodedChunk) {
      members += countMemberStarts(chunk.records, chunk.count, last);
      const lastAt = (chunk.count - 1) * RECORD_SIZE;
      last = chunk.records.slice(lastAt, lastAt + 16);
    },
    get members() {
      return members;
    },
  };
}

/** One batch in one transaction over a pooled pg client, rows streamed in with binary COPY. */
async function storeWithCopy(
  pool: pg.Pool,
  versionId: string,
  seq: number,
  header: BatchHeader,
  whole: AsyncIterable<Uint8Array>,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const locked = await client.query('select status from publication_versions where id = $1 for share', [
      versionId,
    ]);
    if (locked.rows[0]?.status !== 'uploading')
      throw new ConcordError('CONFLICT', 'version is no longer uploading');
    const counter = memberCounter();
    const keys = keyCollector();
    await copyChunks(client, versionId, decodeBatchStream(whole, { chunkRecords: CHUNK_RECORDS }), (c) => {
      counter.add(c);
      keys.add(c);
    });
    const body = keys.body();
    await client.query('insert into engine_parts (version_id, seq, records, body) values ($1, $2, $3, $4)', [
      versionId,
      seq,
      keys.records,
      body,
    ]);
    await client.query(
      'insert into publication_batches (version_id, seq, records, members, checksum) values ($1, $2, $3, $4, $5)',
      [versionId, seq, header.recordCount, counter.members, Buffer.from(header.checksum)],
    );
    await client.query('commit');
    client.release();
    // Only now: a batch that rolled back must leave nothing behind, in memory either.
    cachePart(versionId, seq, body);
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    // Never return a connection in an unknown state (e.g. a COPY cut off mid-stream) to the pool.
    client.release(true);
    throw error;
  }
}

export async function storeBatch(
  deps: IngestDeps,
  now: Date,
  partner: PartnerIdentity,
  versionId: string,
  seq: number,
  body: AsyncIterable<Uint8Array>,
) {
  if (!Number.isInteger(seq) || seq < 0 || seq >= MAX_BATCH_SEQ)
    throw new ConcordError('BAD_INPUT', 'bad batch seq');
  const { db } = deps;
  const v = await ownedVersion(db, partner.id, versionId);
  await requireActive(db, partner.id, v.collaboration_id, now);
  if (v.status !== 'uploading') throw new ConcordError('CONFLICT', `version is ${v.status}, not uploading`);

  const { head, whole, drain } = await peek(body, BATCH_HEADER_SIZE);
  const header = parseBatchHeader(head);
  const prior = await db
    .selectFrom('publication_batches')
    .select(['checksum', 'records'])
    .where((eb) => eb.and({ version_id: versionId, seq }))
    .executeTakeFirst();
  if (prior) {
    await drain();
    if (Buffer.compare(bytes(prior.checksum), header.checksum) !== 0) {
      throw new ConcordError(
        'IDEMPOTENCY_MISMATCH',
        `batch ${seq} was already stored with different content`,
      );
    }
    return { versionId, seq, records: prior.records, duplicate: true };
  }

  try {
    if (deps.pool) await storeWithCopy(deps.pool, versionId, seq, header, whole);
    else await storeWithInsert(db, versionId, seq, header, whole);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      // A concurrent retry of the same seq won; ours rolled back. Report it as the duplicate it is.
      return { versionId, seq, records: header.recordCount, duplicate: true };
    }
    throw error;
  }
  return { versionId, seq, records: header.recordCount, duplicate: false };
}
