// Partner transparency over real HTTP: three nodes in one collaboration. Each compliance officer reads, through its
// node, the clean room's record of every match and list request that touched its own data — who asked (a partner),
// kind, purpose, what was released, ε — and ε used per requester; never a request that touched only others' data.
import { outputOfKind } from '@concord/protocol/contract/matches';
import { concordCodeOf } from '@concord/service/trpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankPeople, insurerPeople, PURPOSE_CROSS_SELL } from './fixtures.ts';
import { type RunningCleanroom, startCleanroomProcess, startTestNode, type TestNode } from './harness.ts';
import { seedNode } from './seed.ts';

let cleanroom: RunningCleanroom;
let bank: TestNode;
let insurer: TestNode;
let dealer: TestNode;
let collaborationId: string;
let bankIds: Map<string, string>;
const charged = { insurer: Number.NaN, dealer: Number.NaN };
const pubs = {} as Record<'bank' | 'insurer' | 'dealer', { local: string; cleanroom: string }>;

beforeAll(async () => {
  cleanroom = await startCleanroomProcess('transparency');
  bank = await startTestNode(cleanroom, { label: 'tr_bank', name: 'Bank', industry: 'bank' });
  insurer = await startTestNode(cleanroom, { label: 'tr_ins', name: 'Insurer', industry: 'insurance' });
  dealer = await startTestNode(cleanroom, { label: 'tr_dlr', name: 'Dealer', industry: 'automotive' });
  const at = new Date();
  // Persons 1..30 at the insurer, 11..40 at the bank, 21..50 at the dealer: every pair overlaps by 10-20.
  const dealerPeople = bankPeople().map((p, k) => ({
    ...p,
    externalId: `DLR-${k + 21}`,
    emails: [`person${k + 21}@example.com`],
    phones: [],
    consent: 'given' as const,
  }));
  const seeds = {
    bank: await seedNode(bank.node, bankPeople(), { recipientIndustry: '*', at }),
    insurer: await seedNode(insurer.node, insurerPeople(), { recipientIndustry: '*', at }),
    dealer: await seedNode(dealer.node, dealerPeople, { recipientIndustry: '*', at }),
  };
  const proposed = await insurer.as.compliance.collaborations.propose.mutate({
    name: 'Bank × Insurer × Dealer',
    partnerIds: [bank.partnerId, dealer.partnerId],
    purposes: [PURPOSE_CROSS_SELL],
    policy: { kMin: 5, crossSellLists: true, referralLists: true, epsilonBudget: 5, minSegmentSize: 5 },
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
  });
  collaborationId = proposed.id;
  bankIds = seeds.bank.ids;
  await bank.as.compliance.collaborations.approve.mutate({ collaborationId });
  await dealer.as.compliance.collaborations.approve.mutate({ collaborationId });
  for (const [key, node] of [
    ['bank', bank],
    ['insurer', insurer],
    ['dealer', dealer],
  ] as const) {
    const p = await node.as.marketer.publications.publish.mutate({
      collaborationId,
      segmentId: seeds[key].segmentId,
    });
    pubs[key] = { local: p.publicationId, cleanroom: p.cleanroomPublicationId };
  }
}, 180_000);
afterAll(async () => {
  await Promise.all([bank?.stop(), insurer?.stop(), dealer?.stop()]);
  await cleanroom?.stop();
});

const report = (node: TestNode) => node.as.compliance.audit.partnerRequests.query({ collaborationId });

describe('partner transparency', () => {
  it('shows the bank every request on its data by the insurer, and nothing of the dealer’s own traffic', async () => {
    const insight = await insurer.as.marketer.matches.request.mutate({
      collaborationId,
      kind: 'insight',
      purpose: PURPOSE_CROSS_SELL,
      publicationId: pubs.insurer.local,
      partnerPublicationIds: [pubs.bank.cleanroom],
    });
    const list = await insurer.as.marketer.matches.request.mutate({
      collaborationId,
      kind: 'cross_sell_list',
      purpose: PURPOSE_CROSS_SELL,
      publicationId: pubs.insurer.local,
      partnerPublicationIds: [pubs.bank.cleanroom],
    });
    // The dealer matches against the insurer only: the bank's data is not touched.
    const dealerAsk = await dealer.as.marketer.matches.request.mutate({
      collaborationId,
      kind: 'insight',
      purpose: PURPOSE_CROSS_SELL,
      publicationId: pubs.dealer.local,
      partnerPublicationIds: [pubs.insurer.cleanroom],
    });

    const seenByBank = await report(bank);
    expect(seenByBank.requests.map((r) => [r.matchId, r.kind, r.requester.name, r.mine])).toEqual([
      [insight.matchId, 'insight', 'Insurer', false],
      [list.matchId, 'cross_sell_list', 'Insurer', false],
    ]);
    const [ins, lst] = seenByBank.requests;
    expect(ins).toMatchObject({
      purpose: PURPOSE_CROSS_SELL,
      requester: { partnerId: insurer.partnerId, industry: 'insurance' },
      touchedPublications: [{ publicationId: pubs.bank.cleanroom, name: 'German customers' }],
      epsilonCharged: outputOfKind(insight, 'insight').insight.epsilonCharged,
    });
    expect(ins?.epsilonCharged).toBeGreaterThan(0);
    charged.insurer = outputOfKind(insight, 'insight').insight.epsilonCharged ?? Number.NaN;
    charged.dealer = outputOfKind(dealerAsk, 'insight').insight.epsilonCharged ?? Number.NaN;
    // The released noisy count over the bank's publication is the one the insurer received.
    expect(ins?.released.counts).toEqual([
      {
        publicationId: pubs.bank.cleanroom,
        count: outputOfKind(insight, 'insight').insight.cells[0]?.count ?? null,
        suppressed: outputOfKind(insight, 'insight').insight.cells[0]?.suppressed,
      },
    ]);
    // A list went to the insurer: the bank sees that and a size band, not the insurer's exact list size.
    expect(lst?.released.lists).toEqual([
      {
        listId: expect.any(String),
        receiverId: insurer.partnerId,
        receiverName: 'Insurer',
        size: null,
        sizeBand: '<1k',
      },
    ]);
    expect(lst?.epsilonCharged).toBe(0);
    // Who asked is a partner, never a person: no e-mail of the insurer's marketer anywhere in the report.
    expect(JSON.stringify(seenByBank)).not.toContain(insurer.users.marketer.email);
    expect(seenByBank.requests.some((r) => r.matchId === dealerAsk.matchId)).toBe(false);
  });

  it('the requester sees its own requests with exact sizes of what it received; the dealer only what touched it', async () => {
    const seenByInsurer = await report(insurer);
    expect(seenByInsurer.requests.map((r) => [r.kind, r.requester.name, r.mine])).toEqual([
      ['insight', 'Insurer', true],
      ['cross_sell_list', 'Insurer', true],
      ['insight', 'Dealer', false],
    ]);
    const received = seenByInsurer.requests[1]?.released.lists[0];
    const stored = await insurer.as.marketer.matches.list.query({ collaborationId });
    expect(received?.size).toBeGreaterThanOrEqual(5);
    expect(stored.some((m) => m.kind === 'cross_sell_list')).toBe(true);

    const seenByDealer = await report(dealer);
    expect(seenByDealer.requests.map((r) => [r.kind, r.requester.name, r.mine])).toEqual([
      ['insight', 'Dealer', true],
    ]);
    expect(seenByDealer.requests[0]?.touchedPublications.map((p) => p.publicationId)).toEqual([
      pubs.dealer.cleanroom,
    ]);
  });

  it('reports ε used per collaboration and requester to every member', async () => {
    for (const node of [bank, insurer, dealer]) {
      const { budgets } = await report(node);
      expect(budgets.map((b) => [b.requester.name, b.epsilonSpent, b.epsilonBudget])).toEqual([
        ['Dealer', charged.dealer, 5],
        ['Insurer', charged.insurer, 5],
      ]);
    }
  });

  it('is the compliance officer’s: a marketer gets FORBIDDEN', async () => {
    let code: unknown;
    try {
      await bank.as.marketer.audit.partnerRequests.query({ collaborationId });
    } catch (error) {
      code = concordCodeOf(error);
    }
    expect(code).toBe('FORBIDDEN');
  });
});

describe('a privacy request over a live federation', () => {
  it('completes only after the clean room acknowledged the removal, with the time of that removal', async () => {
    const customerId = bankIds.get('BNK-18')!;
    const dpo = bank.as.compliance.privacy.requests;
    const logged = await dpo.create.mutate({
      kind: 'objection',
      customerId,
      channel: 'phone',
      receivedAt: new Date(),
    });
    const carried = await dpo.carryOut.mutate({ id: logged.id });
    expect(['waiting_propagation', 'completed']).toContain(carried.status);
    const until = Date.now() + 20_000;
    let state = await dpo.get.query({ id: logged.id });
    while (state.request.status !== 'completed' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      await dpo.check.mutate();
      state = await dpo.get.query({ id: logged.id });
    }
    expect(state.request.status).toBe('completed');
    expect(state.propagation).toMatchObject({ publications: { held: 0, dropped: 1 }, done: true });
    const member = await bank.node.db
      .selectFrom('publication_member')
      .select('removed_at')
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    // The completion time is the moment the clean room confirmed the removal, not when someone looked.
    expect(new Date(state.request.completedAt!).getTime()).toBe(member.removed_at!.getTime());
    expect(new Date(state.request.completedAt!).getTime()).toBeGreaterThanOrEqual(
      new Date(state.request.actionedAt!).getTime(),
    );
  });
});
