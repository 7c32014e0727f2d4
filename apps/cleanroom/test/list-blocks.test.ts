// Lists stored as blocks (src/lists/blocks.ts, store.ts): pages in id order across block boundaries with a cursor
// that survives removals, withdrawals applied to a stored list (an edge cut leaves a member only when its last edge
// goes; the owner's own members leave at once), a retried request that does not build twice, and a failed build
// that leaves nothing behind.
import { randomBytes, randomUUID } from 'node:crypto';
import { outputOfKind } from '@concord/protocol/contract/matches';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticListRow } from '../bench/bench-db.ts';
import { MEMBERS_PER_BLOCK } from '../src/lists/blocks.ts';
import { removeDerivedMembers, removeOwnMembers } from '../src/lists/derived.ts';
import { listMemberHex, listPage, writeListBlocks } from '../src/lists/store.ts';
import { LINK_SIZE, type ListRows } from '../src/match/engine/list-rows.ts';
import {
  addPartner,
  codeOf,
  newSecret,
  openPairCollaboration,
  type Published,
  publish,
  startTestCleanroom,
  type TestCleanroom,
  type TestPartner,
} from './helpers.ts';

const PURPOSES = ['marketing.cross_sell.partner_offers', 'marketing.referral'];
let cr: TestCleanroom;
let a: TestPartner;
let b: TestPartner;
let collabId: string;
let pubA: Published;
let pubB: Published;

/** Member ids in bytewise order: `n` of them, two sharing their first 8 bytes (and handed over reversed). */
function memberIds(n: number): Buffer[] {
  const ids = Array.from({ length: n }, (_, i) => {
    const id = randomBytes(16);
    id.writeUInt32BE(i + 1, 0);
    id.writeUInt32BE(0, 4);
    return id;
  });
  (ids[11] as Buffer).writeUInt32BE(11, 0);
  (ids[10] as Buffer).fill(0xff, 8);
  (ids[11] as Buffer).fill(0x00, 8);
  return ids;
}

/** Engine-shaped rows: edges grouped by member, counterpart index 0. */
function rowsOf(members: Buffer[], edges: [number, Buffer][]): ListRows {
  const links = Buffer.alloc(edges.length * LINK_SIZE);
  edges.forEach(([m, cp], r) => {
    (members[m] as Buffer).copy(links, r * LINK_SIZE);
    cp.copy(links, r * LINK_SIZE + 16);
  });
  return { links, linkCount: edges.length, members: Buffer.concat(members), memberCount: members.length };
}

/** A stored list of `members`, delivered from publication `publicationId`, derived from `counterpartId`. */
async function storeList(rows: ListRows, publicationId: string, counterpartId: string): Promise<string> {
  const listId = randomUUID();
  await cr.service.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('lists')
      .values(
        syntheticListRow(listId, publicationId, [counterpartId], {
          collaborationId: collabId,
          receiverId: b.id,
          size: rows.memberCount,
        }),
      )
      .execute();
    await writeListBlocks(trx, listId, rows);
  });
  return listId;
}

const idSet = (ids: Buffer[]) =>
  sql`(select substring(${Buffer.concat(ids)}::bytea from i * 16 + 1 for 16) from generate_series(0, ${ids.length - 1}) i)`;
const hex = (ids: Buffer[]) => ids.map((i) => i.toString('hex'));
const sorted = (ids: Buffer[]) => [...ids].sort(Buffer.compare);
const sizeOf = async (listId: string) =>
  (await cr.service.db.selectFrom('lists').select('size').where('id', '=', listId).executeTakeFirstOrThrow())
    .size;

beforeAll(async () => {
  cr = await startTestCleanroom('list_blocks');
  a = await addPartner(cr, 'Acme Bank', 'bank');
  b = await addPartner(cr, 'Bolt Insurance', 'insurance');
  const secret = newSecret();
  collabId = await openPairCollaboration(a, b, 'Blocks', PURPOSES, secret);
  const people = Array.from({ length: 12 }, (_, i) => ({ email: `p${i}@example.com`, mask: 0b11 }));
  pubA = await publish(a, collabId, secret, 'a', people);
  pubB = await publish(b, collabId, secret, 'b', people.slice(0, 8));
}, 120_000);
afterAll(() => cr?.stop());

describe('list blocks', () => {
  it('pages in id order across block boundaries; a cursor on a removed member still resumes after it', async () => {
    const n = MEMBERS_PER_BLOCK * 2 + 500;
    const members = memberIds(n);
    const listId = await storeList(
      rowsOf(
        members,
        members.map((_, i) => [i, randomBytes(16)]),
      ),
      randomUUID(),
      randomUUID(),
    );
    const all = hex(sorted(members));
    expect(await listMemberHex(cr.service.db, listId)).toEqual(all);
    const pages: string[][] = [];
    let after: Buffer | null = null;
    for (;;) {
      const page = await listPage(cr.service.db, listId, after, 1000);
      pages.push(hex(page.ids));
      after = page.ids[page.ids.length - 1] ?? null;
      if (!page.more) break;
    }
    expect(pages.map((p) => p.length)).toEqual([1000, 1000, n - 2000]);
    expect(pages.flat()).toEqual(all);

    // The last member of the first block and the first of the second leave.
    const edge = sorted(members).slice(MEMBERS_PER_BLOCK - 1, MEMBERS_PER_BLOCK + 1);
    const publicationId = (
      await cr.service.db
        .selectFrom('lists')
        .select('publication_id')
        .where('id', '=', listId)
        .executeTakeFirstOrThrow()
    ).publication_id;
    const left = await cr.service.db
      .transaction()
      .execute((trx) => removeOwnMembers(trx, publicationId, idSet(edge)));
    expect(left).toBe(2);
    expect(await sizeOf(listId)).toBe(n - 2);
    const resumed = await listPage(cr.service.db, listId, edge[0] as Buffer, 3);
    expect(hex(resumed.ids)).toEqual(all.slice(MEMBERS_PER_BLOCK + 1, MEMBERS_PER_BLOCK + 4));
    const across = await listPage(cr.service.db, listId, null, MEMBERS_PER_BLOCK);
    expect(hex(across.ids)).toEqual([...all.slice(0, MEMBERS_PER_BLOCK - 1), all[MEMBERS_PER_BLOCK + 1]]);
    // Removing them again changes nothing.
    expect(
      await cr.service.db.transaction().execute((trx) => removeOwnMembers(trx, publicationId, idSet(edge))),
    ).toBe(0);
  });

  it('a withdrawal after the build cuts edges; a member leaves with its last edge, once', async () => {
    const members = memberIds(40);
    const [x, y, z] = [randomBytes(16), randomBytes(16), randomBytes(16)];
    // Member 0: edges to x and y; member 1: to x; member 2: to z; the rest: edges of their own.
    const edges: [number, Buffer][] = [
      [0, x],
      [0, y],
      [1, x],
      [2, z],
      ...members.slice(3).map((_, i) => [i + 3, randomBytes(16)] as [number, Buffer]),
    ];
    const counterpartId = randomUUID();
    const listId = await storeList(rowsOf(members, edges), randomUUID(), counterpartId);
    const withdraw = (ids: Buffer[] | null) =>
      cr.service.db.transaction().execute((trx) =>
        removeDerivedMembers(trx, new Date(), {
          publicationId: counterpartId,
          collaborationId: collabId,
          memberIds: ids ? idSet(ids) : null,
        }),
      );
    expect((await withdraw([x])).removed).toBe(1);
    let current = await listMemberHex(cr.service.db, listId);
    expect(current).not.toContain(hex([members[1] as Buffer])[0]);
    expect(current).toContain(hex([members[0] as Buffer])[0]);
    expect((await withdraw([x])).removed).toBe(0);
    expect((await withdraw([y, z])).removed).toBe(2);
    current = await listMemberHex(cr.service.db, listId);
    expect(current).toHaveLength(37);
    expect(await sizeOf(listId)).toBe(37);
    const queued = await cr.service.db
      .selectFrom('list_removals')
      .select(sql<string>`encode(member_id, 'hex')`.as('m'))
      .where('list_id', '=', listId)
      .orderBy('seq')
      .execute();
    expect(queued[0]?.m).toBe(hex([members[1] as Buffer])[0]);
    expect(new Set(queued.slice(1).map((r) => r.m))).toEqual(
      new Set(hex([members[0], members[2]] as Buffer[])),
    );
    // The whole counterpart leaves: every remaining member goes.
    expect((await withdraw(null)).removed).toBe(37);
    expect(await listMemberHex(cr.service.db, listId)).toEqual([]);
  });

  it("the owner's withdrawal delta removes its members from its own stored list", async () => {
    const out = await b.client.requestMatch({
      collaborationId: collabId,
      requesterPublicationId: pubB.publicationId,
      partnerPublicationIds: [pubA.publicationId],
      purpose: PURPOSES[0] as string,
      kind: 'cross_sell_list',
    });
    const { listId, size } = outputOfKind(out, 'cross_sell_list').list;
    expect(size).toBe(8);
    const leaving = pubB.memberIds.slice(0, 3);
    await b.client.sendDeltas({ publicationId: pubB.publicationId, removeMemberIds: leaving });
    const page = await b.client.fetchList({ listId });
    expect(page.list.size).toBe(5);
    expect(page.memberIds).toHaveLength(5);
    expect(page.memberIds.some((m) => leaving.includes(m))).toBe(false);
  });

  it('a retried request while the first is building gets the same list, built once', async () => {
    const req = {
      collaborationId: collabId,
      requesterPublicationId: pubA.publicationId,
      partnerPublicationIds: [pubB.publicationId],
      purpose: PURPOSES[1] as string,
      kind: 'cross_sell_list' as const,
    };
    const [first, retry] = await Promise.all([a.client.requestMatch(req), a.client.requestMatch(req)]);
    const ids = [first, retry].map((o) => outputOfKind(o, 'cross_sell_list').list.listId);
    expect(ids[0]).toBe(ids[1]);
    expect([first.cached, retry.cached].sort()).toEqual([false, true]);
    const lists = await cr.service.db
      .selectFrom('lists')
      .select('id')
      .where('publication_id', '=', pubA.publicationId)
      .execute();
    expect(lists.map((l) => l.id)).toEqual([ids[0]]);
  });

  it('a build that fails leaves no list, no blocks', async () => {
    const blocks = async () => ({
      members: (
        await sql<{ n: number }>`select count(*)::int as n from list_member_blocks`.execute(cr.service.db)
      ).rows[0]?.n,
      links: (
        await sql<{ n: number }>`select count(*)::int as n from list_link_blocks`.execute(cr.service.db)
      ).rows[0]?.n,
      lists: (await sql<{ n: number }>`select count(*)::int as n from lists`.execute(cr.service.db)).rows[0]
        ?.n,
    });
    const before = await blocks();
    // The owner raises its threshold for the purpose above the overlap: the list is built, then refused.
    await b.client.tightenPublication({ publicationId: pubB.publicationId, kMinByPurpose: [2, 100] });
    const refused = b.client.requestMatch({
      collaborationId: collabId,
      requesterPublicationId: pubB.publicationId,
      partnerPublicationIds: [pubA.publicationId],
      purpose: PURPOSES[1] as string,
      kind: 'cross_sell_list',
    });
    expect(await codeOf(refused)).toBe('BELOW_THRESHOLD');
    expect(await blocks()).toEqual(before);
  });
});
