// Exact lists from the engine's runs against the SQL join they replace, on crafted tokens: pairs that share the
// 64-bit prefix but differ later (never a match), a withdrawn counterpart, a withdrawn receiver member whose id
// shares its 8-byte prefix with a kept one, purpose masks on either side, duplicate and shared tokens.
import { ID_WIRE_CODES } from '@concord/identity';
import { BatchWriter } from '@concord/protocol/batch';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverList, deliverListSql } from '../src/match/deliver.ts';
import { engineListRows } from '../src/match/engine/engine.ts';
import { forget } from '../src/match/engine/store.ts';
import type { Side } from '../src/match/match.ts';
import {
  addPartner,
  newSecret,
  openPairCollaboration,
  startTestCleanroom,
  type TestCleanroom,
  type TestPartner,
} from './helpers.ts';

const PURPOSES = ['analytics.a', 'analytics.b', 'marketing.cross_sell.partner_offers'];
const LIST = 0b100;
const ALL = 0b111;

/** A 32-byte token: its first 8 bytes from `prefix`, its last 4 from `tail`. */
function tok(prefix: number, tail: number): Buffer {
  const t = Buffer.alloc(32, 0x5a);
  t.writeUInt32BE((prefix * 0x01000193) >>> 0, 0);
  t.writeUInt32BE(prefix, 4);
  t.writeUInt32BE(tail, 28);
  return t;
}

/** A 16-byte member id: its first 8 bytes from `n`, its last 4 from `tail`. */
const mid = (n: number, tail = 0) => {
  const m = Buffer.alloc(16, 0);
  m.writeUInt32BE((n * 0x9e3779b1) >>> 0, 0);
  m.writeUInt32BE(tail, 12);
  return m.toString('hex');
};

type Row = [member: string, token: Buffer, mask: number];
const A: Row[] = [
  [mid(1), tok(1, 0), ALL],
  [mid(2), tok(2, 1), ALL], // prefix collision only
  [mid(3), tok(3, 0), ALL], // counterpart withdraws
  [mid(4), tok(4, 0), ALL], // counterpart's mask lacks the purpose
  [mid(5), tok(5, 0), 0b011], // own mask lacks the purpose
  [mid(6, 1), tok(6, 0), ALL], // kept; shares its id prefix with the next, which withdraws
  [mid(6, 2), tok(7, 0), ALL],
  [mid(8), tok(8, 0), ALL], // two tokens, both matching the same counterpart member: one link
  [mid(8), tok(8, 1), ALL],
  [mid(9), tok(9, 0), ALL], // two counterpart members hold the token
  [mid(10), tok(10, 0), ALL], // two own members hold the token
  [mid(11), tok(10, 0), ALL],
  [mid(12), tok(12, 0), ALL], // a prefix collision and a real match
];
const B: Row[] = [
  [mid(101), tok(1, 0), ALL],
  [mid(102), tok(2, 2), ALL],
  [mid(103), tok(3, 0), ALL],
  [mid(104), tok(4, 0), 0b011],
  [mid(105), tok(5, 0), ALL],
  [mid(106), tok(6, 0), ALL],
  [mid(107), tok(7, 0), ALL],
  [mid(108), tok(8, 0), ALL],
  [mid(108), tok(8, 1), ALL],
  [mid(109), tok(9, 0), ALL],
  [mid(110), tok(9, 0), ALL],
  [mid(111), tok(10, 0), ALL],
  [mid(112), tok(12, 5), ALL],
  [mid(113), tok(12, 0), ALL],
];
const EXPECTED_LINKS = [
  [1, 101],
  [8, 108],
  [9, 109],
  [9, 110],
  [10, 111],
  [11, 111],
  [12, 113],
].map(([x, y]) => `${mid(x as number)}>${mid(y as number)}`);
EXPECTED_LINKS.push(`${mid(6, 1)}>${mid(106)}`);

let cr: TestCleanroom;
let a: TestPartner;
let b: TestPartner;
let collabId: string;
const sides: Record<'a' | 'b', Side> = {} as Record<'a' | 'b', Side>;

/** Publishes `rows`; `lostKeys` drops the batch keys before commit, as a server crash truncates them (unlogged). */
async function upload(p: TestPartner, segmentKey: string, rows: Row[], lostKeys = false): Promise<Side> {
  const begun = await p.client.beginPublication({ collaborationId: collabId, segmentKey, name: segmentKey });
  const w = new BatchWriter();
  for (const [m, t, mask] of rows) w.push(Buffer.from(m, 'hex'), ID_WIRE_CODES.email, t, mask);
  await p.client.uploadBatch(begun.versionId, 0, w.finish());
  if (lostKeys)
    await cr.service.db.deleteFrom('engine_parts').where('version_id', '=', begun.versionId).execute();
  await p.client.commitPublication({ versionId: begun.versionId, batchCount: 1, recordCount: rows.length });
  const base = { ownerId: p.id, revision: 0, members: 0, kMin: null, listsMask: null, kMinByPurpose: null };
  return { ...base, publicationId: begun.publicationId, versionId: begun.versionId };
}

/** The list's links as `member>counterpart member` hex pairs, sorted, and its member ids. */
async function stored(listId: string) {
  const { rows } = await sql<{ m: string; c: string }>`
    select encode(member_id, 'hex') as m, encode(counterpart_member_id, 'hex') as c
    from list_links where list_id = ${listId}::uuid`.execute(cr.service.db);
  const members = await cr.service.db
    .selectFrom('list_members')
    .select(sql<string>`encode(member_id, 'hex')`.as('m'))
    .where('list_id', '=', listId)
    .execute();
  return { links: rows.map((r) => `${r.m}>${r.c}`).sort(), members: members.map((r) => r.m).sort() };
}

async function bothPaths(listA: string, listB: string) {
  return cr.service.db.transaction().execute(async (trx) => ({
    rows: await engineListRows(trx, sides.a.versionId, [sides.b.versionId], LIST),
    engine: await deliverList(trx, listA, sides.a, [sides.b], LIST),
    sql: await deliverListSql(trx, listB, sides.a, [sides.b], LIST),
  }));
}

beforeAll(async () => {
  cr = await startTestCleanroom('engine_lists');
  a = await addPartner(cr, 'Acme Bank', 'bank');
  b = await addPartner(cr, 'Bolt Insurance', 'insurance');
  const secret = newSecret();
  collabId = await openPairCollaboration(a, b, 'Engine lists', PURPOSES, secret);
  sides.a = await upload(a, 'a', A);
  sides.b = await upload(b, 'b', B);
  await b.client.sendDeltas({ publicationId: sides.b.publicationId, removeMemberIds: [mid(103)] });
  await a.client.sendDeltas({ publicationId: sides.a.publicationId, removeMemberIds: [mid(6, 2)] });
}, 120_000);
afterAll(() => cr?.stop());

describe('exact lists from the engine', () => {
  it('equal the exact SQL join: collisions, withdrawals and masks excluded, duplicates folded', async () => {
    const [engineId, sqlId] = [crypto.randomUUID(), crypto.randomUUID()];
    const out = await bothPaths(engineId, sqlId);
    expect(out.rows).not.toBeNull();
    expect(out.engine).toBe(out.sql);
    const fromEngine = await stored(engineId);
    const fromSql = await stored(sqlId);
    expect(fromEngine).toEqual(fromSql);
    expect(fromEngine.links).toEqual([...EXPECTED_LINKS].sort());
    expect(fromEngine.members).toEqual([...new Set(EXPECTED_LINKS.map((l) => l.split('>')[0]))].sort());
  });

  it('delivers the same members over the API, and falls back to SQL for runs without tails', async () => {
    const request = () =>
      a.client.requestMatch({
        collaborationId: collabId,
        requesterPublicationId: sides.a.publicationId,
        partnerPublicationIds: [sides.b.publicationId],
        purpose: PURPOSES[2] as string,
        kind: 'cross_sell_list',
      });
    const out = await request();
    const listId = out.kind === 'cross_sell_list' ? out.list.listId : '';
    const fetched = await a.client.fetchList({ listId, limit: 100 });
    expect(fetched.memberIds).toEqual((await stored(listId)).members);
    expect(fetched.memberIds).toHaveLength(7);

    await cr.service.db
      .deleteFrom('engine_runs')
      .where('version_id', '=', sides.a.versionId)
      .where('kind', '=', 2)
      .execute();
    forget(sides.a.versionId);
    const [engineId, sqlId] = [crypto.randomUUID(), crypto.randomUUID()];
    const fallback = await bothPaths(engineId, sqlId);
    expect(fallback.rows).toBeNull();
    expect((await stored(engineId)).links).toEqual([...EXPECTED_LINKS].sort());
  });

  it('builds tails from the token table when the batch keys are gone (crash-truncated)', async () => {
    // New versions of both: A's from its batch keys (the previous one lost its tails above), B's from its table.
    sides.a = await upload(a, 'a', A);
    sides.b = await upload(b, 'b', B, true);
    const [engineId, sqlId] = [crypto.randomUUID(), crypto.randomUUID()];
    const out = await bothPaths(engineId, sqlId);
    expect(out.rows).not.toBeNull();
    const fromEngine = await stored(engineId);
    expect(fromEngine).toEqual(await stored(sqlId));
    // The withdrawals were from the previous versions: members 103 and (6, 2) are back.
    const back = [`${mid(3)}>${mid(103)}`, `${mid(6, 2)}>${mid(107)}`];
    expect(fromEngine.links).toEqual([...EXPECTED_LINKS, ...back].sort());
  });
});
