// Ingest into the engine's runs: batch keys held in memory between upload and commit (part-cache.ts) give the same
// run as the token table, duplicates across batches included; a failed or aborted upload leaves nothing behind,
// in Postgres or in memory; a retried batch is stored once.
import { ID_WIRE_CODES } from '@concord/identity';
import { BatchWriter } from '@concord/protocol/batch';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTokenColumns } from '../src/match/engine/columns.ts';
import { engineCount } from '../src/match/engine/engine.ts';
import { cachedParts, partCacheBytes } from '../src/match/engine/part-cache.ts';
import { buildRun, type VersionRun } from '../src/match/engine/run.ts';
import { forget, loadRun } from '../src/match/engine/store.ts';
import { countMatchedSql } from '../src/match/match.ts';
import { codeOf, type Person, publish, startPair, tokenFor } from './helpers.ts';

const PURPOSES = ['analytics.a', 'analytics.b'];
const person = (i: number, mask = 0b11): Person => ({
  email: `p${i}@example.com`,
  phone: `+1555200${i}`,
  mask,
});
const memberId = (i: number) => (i + 1).toString(16).padStart(8, '0').repeat(4);

let fx: Awaited<ReturnType<typeof startPair>>;
let cr: Awaited<ReturnType<typeof startPair>>['cr'];

beforeAll(async () => {
  fx = await startPair('ingest_runs', PURPOSES);
  cr = fx.cr;
}, 120_000);
afterAll(() => cr?.stop());

/** The run's token entries as sorted strings: equal keys may sit in any order between two builds. */
function tokenEntries(run: VersionRun): string[] {
  const out: string[] = [];
  for (let i = 0; i < run.tokens.length; i += 4)
    out.push(Array.from(run.tokens.subarray(i, i + 4)).join(','));
  return out.sort();
}

/** A one-batch body of the given people under fixed member ids. */
function batchOf(people: [number, Person][]) {
  const writer = new BatchWriter();
  for (const [i, p] of people) {
    const id = Buffer.from(memberId(i), 'hex');
    if (p.email) writer.push(id, ID_WIRE_CODES.email, tokenFor(fx.secret, 'email', p.email), p.mask);
    if (p.phone) writer.push(id, ID_WIRE_CODES.phone, tokenFor(fx.secret, 'phone', p.phone), p.mask);
  }
  return { records: writer.length, body: writer.finish() };
}

async function tokenRows(versionId: string): Promise<number> {
  const t = `pt_${versionId.replaceAll('-', '')}`;
  const { rows } = await sql<{ n: string }>`select count(*)::int8 as n from ${sql.table(t)}`.execute(
    cr.service.db,
  );
  return Number(rows[0]?.n);
}

describe('ingest into runs', () => {
  it('merges batches with duplicates across them into the run the token table gives', async () => {
    // People 0..59 in batches of 25 records, then people 10..29 again (same member ids) in later batches, and
    // person 5's identifiers under another member: equal tokens in several batches and under several members.
    const people = [
      ...Array.from({ length: 60 }, (_, i) => person(i, (i % 3) + 1)),
      ...Array.from({ length: 20 }, (_, k) => person(10 + k)),
      person(5, 0b10),
    ];
    const ids = [...Array.from({ length: 80 }, (_, i) => memberId(i < 60 ? i : i - 50)), memberId(900)];
    const pubA = await publish(fx.a, fx.collabId, fx.secret, 'dup', people, {
      batchSize: 25,
      memberIds: ids,
    });
    const pubB = await publish(
      fx.b,
      fx.collabId,
      fx.secret,
      'b',
      Array.from({ length: 40 }, (_, i) => person(i * 2)),
    );
    expect(partCacheBytes()).toBe(0); // committed: nothing of either version is held any more
    forget(pubA.versionId);
    const stored = (await loadRun(cr.service.db, pubA.versionId)) as VersionRun;
    const fromTable = await cr.service.db.transaction().execute(async (trx) => {
      const cols = await readTokenColumns(trx, undefined, pubA.versionId, { records: 162, batches: 7 });
      return buildRun(cols);
    });
    expect(stored.tokens.length / 4).toBe(162);
    expect(tokenEntries(stored)).toEqual(tokenEntries(fromTable));
    expect(Array.from(stored.members)).toEqual(Array.from(fromTable.members));
    for (const bit of [1, 2]) {
      const c = await cr.service.db.transaction().execute(async (trx) => ({
        engine: await engineCount(trx, pubA.versionId, [pubB.versionId], bit),
        sql: await countMatchedSql(trx, { versionId: pubA.versionId }, [{ versionId: pubB.versionId }], bit),
      }));
      expect(c.engine).toBe(c.sql);
    }
  });

  it('keeps nothing of a failed or aborted upload, and stores a retried batch once', async () => {
    const before = partCacheBytes();
    const begun = await fx.a.client.beginPublication({
      collaborationId: fx.collabId,
      segmentKey: 'retry',
      name: 'r',
    });
    const good = batchOf([
      [1, person(1)],
      [2, person(2)],
    ]);
    const corrupt = new Uint8Array(batchOf([[3, person(3)]]).body);
    corrupt[corrupt.length - 1] = (corrupt.at(-1) as number) ^ 0xff; // the checksum no longer holds
    expect(await codeOf(fx.a.client.uploadBatch(begun.versionId, 1, corrupt))).toBe('BAD_BATCH');
    expect(await tokenRows(begun.versionId)).toBe(0);
    expect(partCacheBytes()).toBe(before);

    const first = await fx.a.client.uploadBatch(begun.versionId, 0, good.body);
    const again = await fx.a.client.uploadBatch(begun.versionId, 0, good.body);
    expect([first.duplicate, again.duplicate]).toEqual([false, true]);
    expect(await codeOf(fx.a.client.uploadBatch(begun.versionId, 0, batchOf([[4, person(4)]]).body))).toBe(
      'IDEMPOTENCY_MISMATCH',
    );
    expect(await tokenRows(begun.versionId)).toBe(good.records);
    expect(cachedParts(begun.versionId, 1, good.records)).not.toBeNull();
    expect(partCacheBytes() - before).toBe(good.records * 60);

    await fx.a.client.abortPublication({ versionId: begun.versionId });
    expect(partCacheBytes()).toBe(before);
    const parts = await cr.service.db
      .selectFrom('engine_parts')
      .select('seq')
      .where('version_id', '=', begun.versionId)
      .execute();
    expect(parts).toEqual([]);
    expect(
      await cr.service.db
        .transaction()
        .execute((trx) => engineCount(trx, begun.versionId, [begun.versionId], 1)),
    ).toBeNull();
  });
});
