// Owner rules on publications and list provenance over HTTP: counts only at any touched publication refuses list
// kinds (insight still answers), tightening is immediate and monotone, and a partner's delta removes list members
// matched only through the removed members — queued for the receiver alone, in order, with `size` kept current.

import { outputOfKind } from '@concord/protocol/contract/matches';
import { codeOf } from '@concord/service/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPartner,
  newSecret,
  type Person,
  type Published,
  publish,
  startTestCleanroom,
  type TestCleanroom,
  type TestPartner,
  wrapSecret,
} from './helpers.ts';

const PURPOSES = ['marketing.cross_sell.partner_offers', 'marketing.referral'];
const [CROSS_SELL, REFERRAL] = PURPOSES as [string, string];
const email = (i: number) => `person${i}@example.com`;
const phone = (i: number) => `+1555000${String(i).padStart(4, '0')}`;
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

let cr: TestCleanroom;
let a: TestPartner;
let b: TestPartner;
let c: TestPartner;
let collabId: string;
let pubA: Published;
let pubB: Published;
let pubC: Published;
/** A's member ids by person number (A publishes person 7 twice: by e-mail as one member, by phone as another). */
const aMember = (i: number, byPhone = false) =>
  pubA.memberIds[
    byPhone ? pubA.memberIds.length - 1 : peopleA.findIndex((p) => p.email === email(i))
  ] as string;

// A: persons 0..29 by e-mail; plus a second member holding person 7's phone (matched through two members).
const peopleA: Person[] = [
  ...range(0, 29).map((i) => ({ email: email(i), mask: 0b11 })),
  { phone: phone(7), mask: 0b11 },
];
// B: persons 0..19 by e-mail and phone.
const peopleB: Person[] = range(0, 19).map((i) => ({ email: email(i), phone: phone(i), mask: 0b11 }));
// C: persons 10..29, counts only for cross-sell (lists mask bit 0 clear).
const peopleC: Person[] = range(10, 29).map((i) => ({ email: email(i), mask: 0b11 }));

beforeAll(async () => {
  cr = await startTestCleanroom('provenance');
  a = await addPartner(cr, 'Acme Bank', 'bank');
  b = await addPartner(cr, 'Bolt Insurance', 'insurance');
  c = await addPartner(cr, 'Cirrus Telecom', 'telecom');
  const secret = newSecret();
  const proposed = await a.client.proposeCollaboration({
    name: 'Provenance',
    memberIds: [b.id, c.id],
    purposes: PURPOSES,
    policy: { kMin: 2, crossSellLists: true, referralLists: true, epsilonBudget: 5, minSegmentSize: 2 },
    tokenMode: 'hmac',
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    wrappedSecrets: [a, b, c].map((p) => wrapSecret(secret, p.id, p.publicKey)),
    officer: 'officer-a',
  });
  collabId = proposed.collaboration.id;
  await b.client.approveCollaboration({ collaborationId: collabId });
  await c.client.approveCollaboration({ collaborationId: collabId });
  pubA = await publish(a, collabId, secret, 'a', peopleA, { listsMask: 0b11 });
  pubB = await publish(b, collabId, secret, 'b', peopleB);
  pubC = await publish(c, collabId, secret, 'c', peopleC, { listsMask: 0b10 });
}, 120_000);
afterAll(() => cr?.stop());

const request = (
  kind: 'insight' | 'cross_sell_list' | 'referral_list',
  partners: Published[],
  purpose = CROSS_SELL,
) =>
  b.client.requestMatch({
    collaborationId: collabId,
    requesterPublicationId: pubB.publicationId,
    partnerPublicationIds: partners.map((p) => p.publicationId),
    purpose,
    kind,
    ...(kind === 'referral_list' ? { offer: { title: 'Offer' } } : {}),
  });

describe('owner rules on publications', () => {
  it('counts only at any touched publication refuses list kinds; insight still answers', async () => {
    expect(await codeOf(request('cross_sell_list', [pubA, pubC]))).toBe('POLICY_REFUSED');
    expect(await codeOf(request('referral_list', [pubC]))).toBe('POLICY_REFUSED');
    expect(await codeOf(request('insight', [pubA, pubC]))).toBe('OK');
    // C allows lists for the referral purpose (bit 1).
    expect(await codeOf(request('referral_list', [pubC], REFERRAL))).toBe('OK');
  });

  it('tightening applies at once and never loosens', async () => {
    expect(await codeOf(request('cross_sell_list', [pubA], REFERRAL))).toBe('OK');
    const t = await a.client.tightenPublication({
      publicationId: pubA.publicationId,
      listsMask: 0b01,
      kMinByPurpose: [3, 40],
    });
    expect([t.listsMask, t.kMinByPurpose]).toEqual([0b01, [3, 40]]);
    const again = await a.client.tightenPublication({
      publicationId: pubA.publicationId,
      listsMask: 0b11,
      kMinByPurpose: [2, 2],
    });
    expect([again.listsMask, again.kMinByPurpose]).toEqual([0b01, [3, 40]]);
    expect(await codeOf(request('cross_sell_list', [pubA], REFERRAL))).toBe('POLICY_REFUSED');
    const insight = await request('insight', [pubA], REFERRAL);
    expect(insight.kMin).toBe(40);
    expect(
      await codeOf(b.client.tightenPublication({ publicationId: pubA.publicationId, listsMask: 0 })),
    ).toBe('NOT_FOUND');
  });
});

describe('list provenance', () => {
  it("a partner's delta removes list members matched only through it, for the receiver alone", async () => {
    const out = await request('cross_sell_list', [pubA]);
    const listId = outputOfKind(out, 'cross_sell_list').list.listId as string;
    expect(outputOfKind(out, 'cross_sell_list').list.size).toBe(20);
    const first = await b.client.fetchList({ listId });
    const bMember = (i: number) => pubB.memberIds[i] as string;
    expect(first.memberIds).toContain(bMember(3));

    const delta = await a.client.sendDeltas({
      publicationId: pubA.publicationId,
      removeMemberIds: [aMember(3), aMember(7)],
    });
    // Every list derived from A's publication is named (the earlier referral-purpose list too), all B's.
    expect(delta.derivedLists).toContainEqual({ listId, receiverId: b.id, kind: 'cross_sell' });
    expect(delta.derivedLists.every((l) => l.receiverId === b.id)).toBe(true);
    const removals = await b.client.listRemovals({});
    // Person 3 leaves; person 7 is still matched through A's second member (by phone).
    expect(removals.removals.filter((r) => r.listId === listId).map((r) => r.memberId)).toEqual([bMember(3)]);
    expect(removals.removals.map((r) => r.memberId).every((m) => m === bMember(3))).toBe(true);
    expect((await b.client.fetchList({ listId })).list.size).toBe(19);
    expect((await a.client.listRemovals({})).removals).toEqual([]);
    expect((await c.client.listRemovals({})).removals).toEqual([]);

    await a.client.sendDeltas({ publicationId: pubA.publicationId, removeMemberIds: [aMember(7, true)] });
    const next = await b.client.listRemovals({ after: removals.nextCursor });
    expect(next.removals.filter((r) => r.listId === listId).map((r) => r.memberId)).toEqual([bMember(7)]);
    const after = await b.client.fetchList({ listId });
    expect(after.list.size).toBe(18);
    expect(after.memberIds).not.toContain(bMember(7));
    expect((await b.client.listRemovals({ after: next.nextCursor })).removals).toEqual([]);
  });

  it('a partner leaving empties the lists derived only from its data', async () => {
    const out = await request('cross_sell_list', [pubA]);
    const listId = outputOfKind(out, 'cross_sell_list').list.listId as string;
    const before = await b.client.listRemovals({});
    await a.client.leaveCollaboration({ collaborationId: collabId, reason: 'contract ended' });
    const gone = await b.client.listRemovals({ after: before.nextCursor });
    expect(gone.removals.filter((r) => r.listId === listId)).toHaveLength(
      outputOfKind(out, 'cross_sell_list').list.size as number,
    );
    expect((await b.client.fetchList({ listId })).memberIds).toEqual([]);
  });
});
