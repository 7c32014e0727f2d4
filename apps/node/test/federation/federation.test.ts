// One running federation (clean room + bank + insurer, two purposes), in order: purpose masks, insight counts, a
// referral list delivered to and resolved by the bank; then withdrawal propagation (withdrawals and erasure leave
// the clean room's live publications, delay reported, Art. 19 trail, stored audiences); then leaving.
import { outputOfKind } from '@concord/protocol/contract/matches';
import { concordCodeOf } from '@concord/service/trpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataTrail } from '../../src/collab/trail.ts';
import { bankPeople, insurerPeople, PURPOSE_CROSS_SELL, PURPOSE_REFERRAL } from './fixtures.ts';
import { type Federation, startFederation, waitForPropagation } from './scenario.ts';

let fed: Federation;
beforeAll(async () => {
  // Insurer: everyone who consented to cross-sell also consented to referrals. Bank: only even-numbered people.
  const insurer = insurerPeople().map((p) => ({ ...p, referral: p.consent === 'given' }));
  const bank = bankPeople().map((p) => ({ ...p, referral: Number(p.externalId.slice(4)) % 2 === 0 }));
  fed = await startFederation('match', { bank, insurer }, [PURPOSE_CROSS_SELL, PURPOSE_REFERRAL]);
}, 120_000);
afterAll(() => fed?.stop());

describe('matching from the node', () => {
  it('publishes one member per person with a purpose mask per collaboration purpose', async () => {
    const masks = await fed.bank.node.db
      .selectFrom('publication_member')
      .select(['purpose_mask', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('purpose_mask')
      .orderBy('purpose_mask')
      .execute();
    // 30 bank customers: 15, 16 refused cross-sell but 16 consented to referrals (bit 2 only);
    // even-numbered people have both bits, odd ones cross-sell only.
    expect(masks.map((m) => [m.purpose_mask, Number(m.n)])).toEqual([
      [1, 14],
      [2, 1],
      [3, 14],
    ]);
  });

  it('insight: an unsuppressed overlap count, the same answer when asked again, recorded once', async () => {
    const request = {
      collaborationId: fed.collaborationId,
      kind: 'insight' as const,
      purpose: PURPOSE_CROSS_SELL,
      publicationId: fed.insurerPublicationId,
      partnerPublicationIds: [fed.bankCleanroomPublicationId],
    };
    const first = await fed.insurer.as.marketer.matches.request.mutate(request);
    expect(first.audience).toBeNull();
    expect(outputOfKind(first, 'insight').insight.cells).toHaveLength(1);
    const cell = outputOfKind(first, 'insight').insight.cells[0];
    expect(cell?.suppressed).toBe(false);
    expect(typeof cell?.count).toBe('number');
    const again = await fed.insurer.as.marketer.matches.request.mutate(request);
    expect(again.cached).toBe(true);
    expect(again.matchId).toBe(first.matchId);
    expect(outputOfKind(again, 'insight').insight.cells[0]?.count).toBe(cell?.count);
    const recorded = await fed.insurer.as.marketer.matches.list.query({
      collaborationId: fed.collaborationId,
    });
    // A cached repeat is the same match at the clean room: one local record.
    expect(recorded.map((m) => [m.id, m.kind])).toEqual([[first.matchId, 'insight']]);
    // Shown in the console as who asked: the requesting user's email, not an id.
    expect(recorded[0]?.requestedByEmail).toBe(fed.insurer.users.marketer.email);
  });

  it('referral: the bank receives a list of its own customers and resolves it with its own consent check', async () => {
    const out = await fed.insurer.as.marketer.matches.request.mutate({
      collaborationId: fed.collaborationId,
      kind: 'referral_list',
      purpose: PURPOSE_REFERRAL,
      publicationId: fed.insurerPublicationId,
      partnerPublicationIds: [fed.bankCleanroomPublicationId],
      offer: { title: 'Home insurance for mortgage customers' },
    });
    expect(out.audience).toBeNull();
    expect(outputOfKind(out, 'referral_list').referrals).toEqual([
      {
        partnerPublicationId: fed.bankCleanroomPublicationId,
        partnerId: fed.bank.partnerId,
        delivered: true,
      },
    ]);
    // The requester learns nothing more: no list on the insurer side.
    expect(await fed.insurer.as.marketer.lists.delivered.query({})).toEqual([]);

    const delivered = await fed.bank.as.marketer.lists.delivered.query({});
    expect(delivered.map((l) => [l.kind, l.purpose, l.offer?.title, l.audienceListId])).toEqual([
      ['referral', PURPOSE_REFERRAL, 'Home insurance for mortgage customers', null],
    ]);
    const fetched = await fed.bank.as.marketer.lists.fetch.mutate({ listId: delivered[0]?.id as string });
    // Overlap with referral consent on both sides: insurer 11, 15..29 (not 12-14, 30) × bank even numbers.
    expect(fetched.resolved).toBe(7);
    expect(fetched.dropped).toEqual({});
    const members = await fed.bank.as.marketer.lists.members.query({ listId: fetched.audienceListId });
    expect(members.map((m) => m.externalId).sort()).toEqual(
      [16, 18, 20, 22, 24, 26, 28].map((i) => `BNK-${i}`).sort(),
    );
    const again = await fed.bank.as.marketer.lists.fetch.mutate({ listId: delivered[0]?.id as string });
    expect(again).toMatchObject({
      alreadyFetched: true,
      audienceListId: fetched.audienceListId,
      resolved: 7,
    });
  });
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

describe('withdrawal propagation', () => {
  it('removes withdrawn and erased people from the live publications at the clean room', async () => {
    const { insurer, bank } = fed;
    const ins20 = fed.insurerIds.get('INS-20') as string;
    const ins23 = fed.insurerIds.get('INS-23') as string;
    const bnk19 = fed.bankIds.get('BNK-19') as string;

    const since = new Date();
    // Person 20 withdraws at the insurer, person 23 is erased there, person 19 withdraws at the bank.
    const w = await insurer.as.compliance.consent.withdraw.mutate({
      customerId: ins20,
      purposes: [PURPOSE_CROSS_SELL],
    });
    expect(w.withdrawalsQueued).toBe(1);
    await insurer.as.compliance.privacy.erase.mutate({ customerId: ins23 });
    await bank.as.compliance.consent.withdraw.mutate({ customerId: bnk19, purposes: [PURPOSE_CROSS_SELL] });

    const insStats = await waitForPropagation(insurer, 2, since);
    expect(insStats.processed).toBe(2);
    expect(insStats.p50Ms).not.toBeNull();
    expect(insStats.maxMs).toBeGreaterThanOrEqual(0);
    const bankStats = await waitForPropagation(bank, 1, since);
    expect(bankStats.processed).toBe(1);

    const removed = await insurer.node.db
      .selectFrom('withdrawal_outbox')
      .select(['customer_id', 'reason', 'removed_members'])
      .where('created_at', '>=', since)
      .orderBy('id')
      .execute();
    expect(removed).toEqual([
      { customer_id: ins20, reason: 'withdrawn', removed_members: 1 },
      { customer_id: ins23, reason: 'erased', removed_members: 1 },
    ]);

    // What the clean room now matches: the cross-sell list no longer holds 19, 20 or 23.
    const match = await insurer.as.marketer.matches.request.mutate({
      collaborationId: fed.collaborationId,
      kind: 'cross_sell_list',
      purpose: PURPOSE_CROSS_SELL,
      publicationId: fed.insurerPublicationId,
      partnerPublicationIds: [fed.bankCleanroomPublicationId],
    });
    const expected = [11, ...range(17, 29).filter((i) => ![19, 20, 23].includes(i))]
      .map((i) => `INS-${i}`)
      .sort();
    expect(match.audience?.received).toBe(expected.length);
    expect(match.audience?.dropped).toEqual({});
    const members = await insurer.as.marketer.lists.members.query({
      listId: match.audience?.audienceListId as string,
    });
    expect(members.map((m) => m.externalId).sort()).toEqual(expected);
  });

  it('keeps the Art. 19 trail: where the person was published and when they were removed', async () => {
    const ins20 = fed.insurerIds.get('INS-20') as string;
    const trail = await dataTrail(fed.insurer.node.db, ins20);
    expect(trail.pendingWithdrawals).toBe(0);
    expect(trail.publications).toHaveLength(1);
    expect(trail.publications[0]).toMatchObject({
      collaborationId: fed.collaborationId,
      recipients: ['Bank'],
      removedReason: 'withdrawn',
    });
    expect(trail.publications[0]?.removedAt).toBeInstanceOf(Date);

    const erased = await dataTrail(fed.insurer.node.db, fed.insurerIds.get('INS-23') as string);
    expect(erased.publications.map((p) => p.removedReason)).toEqual(['erased']);
  });

  it('a person who withdrew is dropped from an already stored audience at once', async () => {
    const { insurer } = fed;
    const since = new Date();
    const lists = await insurer.as.marketer.lists.list.query();
    const listId = lists[0]?.id as string;
    const before = await insurer.as.marketer.lists.members.query({ listId });
    const ins21 = fed.insurerIds.get('INS-21') as string;
    expect(before.some((m) => m.customerId === ins21)).toBe(true);
    await insurer.as.compliance.consent.withdraw.mutate({
      customerId: ins21,
      purposes: [PURPOSE_CROSS_SELL],
    });
    const after = await insurer.as.marketer.lists.members.query({ listId });
    expect(after.map((m) => m.customerId)).toEqual(
      before.map((m) => m.customerId).filter((id) => id !== ins21),
    );
    await waitForPropagation(insurer, 1, since);
  });
});

describe('leaving', () => {
  it('leaving ends our publications locally (trail: collaboration_left) and stops matching', async () => {
    const left = await fed.bank.as.compliance.collaborations.change.mutate({
      collaborationId: fed.collaborationId,
      action: 'leave',
      reason: 'contract ended',
    });
    expect(left.hasSecret).toBe(false);
    const pubs = await fed.bank.as.marketer.publications.list.query({ collaborationId: fed.collaborationId });
    expect(pubs.map((p) => p.status)).toEqual(['ended']);
    const trail = await dataTrail(fed.bank.node.db, fed.bankIds.get('BNK-20') as string);
    expect(trail.publications.map((p) => p.removedReason)).toEqual(['collaboration_left']);

    const refused = await fed.insurer.as.marketer.matches.request
      .mutate({
        collaborationId: fed.collaborationId,
        kind: 'cross_sell_list',
        purpose: PURPOSE_CROSS_SELL,
        publicationId: fed.insurerPublicationId,
        partnerPublicationIds: [fed.bankCleanroomPublicationId],
      })
      .catch((e: unknown) => e);
    expect(concordCodeOf(refused)).toBe('COLLABORATION_INACTIVE');
  });
});
