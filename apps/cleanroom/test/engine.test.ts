// The match engine (sorted runs merged in memory) against the SQL path and against a count computed here from the
// generated people: several purposes (mask bits), shared tokens, withdrawals on both sides between versions, a
// version uploaded but not committed (invisible), and exact cross-sell lists of the same size.
import { ID_WIRE_CODES } from '@concord/identity';
import { BatchWriter } from '@concord/protocol/batch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineCount } from '../src/match/engine/engine.ts';
import { countMatchedSql } from '../src/match/match.ts';
import {
  addPartner,
  newSecret,
  openPairCollaboration,
  type Person,
  type Published,
  publish,
  startTestCleanroom,
  type TestCleanroom,
  type TestPartner,
  tokenFor,
} from './helpers.ts';

const PURPOSES = ['analytics.a', 'analytics.b', 'marketing.cross_sell.partner_offers'];
const email = (i: number) => `p${i}@example.com`;
const phone = (i: number) => `+1555100${String(i).padStart(4, '0')}`;

/** Deterministic pseudo-random people: identifiers present or not, masks over the three purposes. */
function people(from: number, to: number, seed: number): (Person & { i: number })[] {
  let s = seed;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s >>> 8;
  };
  const out: (Person & { i: number })[] = [];
  for (let i = from; i < to; i++) {
    const r = next();
    const p: Person & { i: number } = { i, mask: (r % 7) + 1 };
    if (r % 5 !== 0) p.email = email(i);
    if (r % 3 !== 0 || !p.email) p.phone = phone(i);
    out.push(p);
  }
  return out;
}

const peopleA = people(0, 400, 7);
const peopleB = people(200, 600, 11);
// Two A members hold the same e-mail as person 250 (a shared household address): equal prefixes on one side.
peopleA.push({ i: 250, email: email(250), mask: 0b100 });

let cr: TestCleanroom;
let a: TestPartner;
let b: TestPartner;
let collabId: string;
let secret: Uint8Array;
let pubA: Published;
let pubB: Published;
const goneA = new Set<number>();
const goneB = new Set<number>();

/** Ground truth: A members (index into peopleA) with an identifier equal to a present B person's, both masks. */
function expected(bit: number, bPeople = peopleB): number {
  let n = 0;
  for (const [k, p] of peopleA.entries()) {
    if (goneA.has(k) || (p.mask & bit) === 0) continue;
    const hit = bPeople.some(
      (q, j) =>
        !goneB.has(j) &&
        (q.mask & bit) !== 0 &&
        ((p.email !== undefined && p.email === q.email) || (p.phone !== undefined && p.phone === q.phone)),
    );
    if (hit) n++;
  }
  return n;
}

async function counts(bit: number, own = pubA.versionId, other = pubB.versionId) {
  return cr.service.db.transaction().execute(async (trx) => ({
    engine: await engineCount(trx, own, [other], bit),
    sql: await countMatchedSql(trx, { versionId: own }, [{ versionId: other }], bit),
  }));
}

async function liveVersion(publicationId: string): Promise<string | null> {
  const row = await cr.service.db
    .selectFrom('publications')
    .select('live_version_id')
    .where('id', '=', publicationId)
    .executeTakeFirstOrThrow();
  return row.live_version_id;
}

beforeAll(async () => {
  cr = await startTestCleanroom('engine');
  a = await addPartner(cr, 'Acme Bank', 'bank');
  b = await addPartner(cr, 'Bolt Insurance', 'insurance');
  secret = newSecret();
  collabId = await openPairCollaboration(a, b, 'Engine', PURPOSES, secret);
  pubA = await publish(a, collabId, secret, 'a', peopleA, { batchSize: 150 });
  pubB = await publish(b, collabId, secret, 'b', peopleB, { batchSize: 150 });
}, 120_000);
afterAll(() => cr?.stop());

describe('match engine', () => {
  it('counts what the SQL path and the generated data say, per purpose bit', async () => {
    for (const bit of [0b001, 0b010, 0b100]) {
      const c = await counts(bit);
      expect(c.engine).toBe(c.sql);
      expect(c.engine).toBe(expected(bit));
      expect(c.engine).toBeGreaterThan(0);
    }
  });

  it('respects withdrawals on both sides at once', async () => {
    const leaveA = [3, 210, 250, 260, 300, 399];
    const leaveB = [0, 5, 60, 61, 150];
    await a.client.sendDeltas({
      publicationId: pubA.publicationId,
      removeMemberIds: leaveA.map((k) => pubA.memberIds[k] as string),
    });
    await b.client.sendDeltas({
      publicationId: pubB.publicationId,
      removeMemberIds: leaveB.map((k) => pubB.memberIds[k] as string),
    });
    for (const k of leaveA) goneA.add(k);
    for (const k of leaveB) goneB.add(k);
    for (const bit of [0b001, 0b010, 0b100]) {
      const c = await counts(bit);
      expect(c.engine).toBe(c.sql);
      expect(c.engine).toBe(expected(bit));
    }
  });

  it('never sees a version before its commit, and drops the superseded run', async () => {
    const next = people(300, 700, 23);
    const begun = await b.client.beginPublication({ collaborationId: collabId, segmentKey: 'b', name: 'b' });
    const writer = new BatchWriter();
    for (const p of next) {
      // Member ids differ in their first 8 bytes, as random ids do (the engine keys members by that prefix).
      const id = Buffer.alloc(16, 0);
      id.writeUInt32BE(p.i + 1, 0);
      if (p.email) writer.push(id, ID_WIRE_CODES.email, tokenFor(secret, 'email', p.email), p.mask);
      if (p.phone) writer.push(id, ID_WIRE_CODES.phone, tokenFor(secret, 'phone', p.phone), p.mask);
    }
    const records = writer.length;
    await b.client.uploadBatch(begun.versionId, 0, writer.finish());
    // Person 300 withdraws while the version uploads: gone from its token table, tombstoned for its run.
    const first = Buffer.alloc(16, 0);
    first.writeUInt32BE(301, 0);
    await b.client.sendDeltas({
      publicationId: pubB.publicationId,
      removeMemberIds: [first.toString('hex')],
    });
    // Uploaded, not committed: the live pointer and what it counts are unchanged, and the new version has no run.
    expect(await liveVersion(pubB.publicationId)).toBe(pubB.versionId);
    expect((await counts(0b001)).engine).toBe(expected(0b001));
    expect((await counts(0b001, pubA.versionId, begun.versionId)).engine).toBeNull();

    await b.client.commitPublication({ versionId: begun.versionId, batchCount: 1, recordCount: records });
    expect(await liveVersion(pubB.publicationId)).toBe(begun.versionId);
    const oldRuns = await cr.service.db
      .selectFrom('engine_runs')
      .select('bucket')
      .where('version_id', '=', pubB.versionId)
      .execute();
    expect(oldRuns).toEqual([]);
    goneB.clear();
    goneB.add(0);
    pubB = { ...pubB, versionId: begun.versionId };
    for (const bit of [0b001, 0b010, 0b100]) {
      const c = await counts(bit);
      expect(c.engine).toBe(c.sql);
      expect(c.engine).toBe(expected(bit, next));
    }
  });

  it('an exact cross-sell list holds as many members as the engine counts', async () => {
    const out = await a.client.requestMatch({
      collaborationId: collabId,
      requesterPublicationId: pubA.publicationId,
      partnerPublicationIds: [pubB.publicationId],
      purpose: 'marketing.cross_sell.partner_offers',
      kind: 'cross_sell_list',
    });
    expect(out.kind === 'cross_sell_list' ? out.list.size : null).toBe((await counts(0b100)).engine);
  });
});
