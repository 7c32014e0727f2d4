// Consent and policy promises across three nodes over HTTP (bank, insurer, telecom): counts-only at any touched
// member refuses lists but answers insight, and reaches live publications without a republish; tightening a rule
// at the bank removes the members it excludes from live publications; bank withdrawals, an erasure and a rule
// change reach the insurer's stored list, export and trail, while a person matched through two bank members stays
// until neither is eligible; figures count only removals that happened.
import { outputOfKind } from '@concord/protocol/contract/matches';
import { concordCodeOf } from '@concord/service/trpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataTrail } from '../../src/collab/trail.ts';
import { PURPOSE_CROSS_SELL, PURPOSE_REFERRAL } from './fixtures.ts';
import { startThreeNodes, type ThreeNodes, until } from './three-nodes.ts';

let fed: ThreeNodes;
/** The insurer's stored cross-sell audience matched against the bank alone. */
let audienceId: string;
beforeAll(async () => {
  fed = await startThreeNodes('reach');
}, 300_000);
afterAll(() => fed?.stop());

type Kind = 'cross_sell_list' | 'referral_list' | 'insight';
const ask = (kind: Kind, purpose: string, partners: string[]) =>
  fed.insurer.as.marketer.matches.request.mutate({
    collaborationId: fed.collaborationId,
    kind,
    purpose,
    publicationId: fed.insurerPublicationId,
    partnerPublicationIds: partners,
    ...(kind === 'referral_list' ? { offer: { title: 'Travel insurance' } } : {}),
  });
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'OK',
    (e: unknown) => concordCodeOf(e) ?? 'UNKNOWN',
  );
const countsOnly = (purpose: string) => ({
  purpose,
  allowedIndustries: ['*'],
  maxConsentAgeDays: null,
  kMin: 5,
  listsAllowed: false,
  retentionDays: 90,
});

async function audienceExternalIds(): Promise<string[]> {
  const members = await fed.insurer.as.marketer.lists.members.query({ listId: audienceId });
  return members.map((m) => m.externalId).sort();
}
const onList = async (externalId: string) => (await audienceExternalIds()).includes(externalId);

describe('counts only, at any touched member', () => {
  it('refuses cross-sell and referral lists touching the telecom once it says counts only — without a republish', async () => {
    const both = [fed.pubs.bank, fed.pubs.telecom];
    expect(await codeOf(ask('cross_sell_list', PURPOSE_CROSS_SELL, both))).toBe('OK');
    const livePubs = await fed.telecom.as.marketer.publications.list.query({});
    await fed.telecom.as.compliance.rules.set.mutate(countsOnly(PURPOSE_CROSS_SELL));
    await fed.telecom.as.compliance.rules.set.mutate(countsOnly(PURPOSE_REFERRAL));
    await until('telecom counts-only reaches the clean room', async () => {
      return (await codeOf(ask('cross_sell_list', PURPOSE_CROSS_SELL, both))) === 'POLICY_REFUSED';
    });
    // Nothing was republished: the telecom's publication is the same live version.
    const after = await fed.telecom.as.marketer.publications.list.query({});
    expect(after.map((p) => [p.id, p.status])).toEqual(livePubs.map((p) => [p.id, p.status]));

    expect(await codeOf(ask('referral_list', PURPOSE_REFERRAL, [fed.pubs.telecom]))).toBe('POLICY_REFUSED');
    const insight = await ask('insight', PURPOSE_CROSS_SELL, both);
    expect(
      outputOfKind(insight, 'insight')
        .insight.cells.map((c) => c.partnerPublicationId)
        .sort(),
    ).toEqual([...both].sort());
    // Untouched members are not affected: the bank alone still releases lists.
    expect(await codeOf(ask('referral_list', PURPOSE_REFERRAL, [fed.pubs.bank]))).toBe('OK');
    const list = await ask('cross_sell_list', PURPOSE_CROSS_SELL, [fed.pubs.bank]);
    audienceId = list.audience?.audienceListId as string;
    expect(audienceId).toBeTruthy();
  });

  it("counts only at the requester refuses too: the insurer's own rule", async () => {
    await fed.insurer.as.compliance.rules.set.mutate(countsOnly(PURPOSE_REFERRAL));
    await until('insurer counts-only reaches the clean room', async () => {
      return (await codeOf(ask('referral_list', PURPOSE_REFERRAL, [fed.pubs.bank]))) === 'POLICY_REFUSED';
    });
  });

  it('the receiving node re-checks its rule: a list delivered before counts only is refused, nothing stored', async () => {
    // The referral list the bank received in the first test is still waiting at the clean room.
    const waiting = (await fed.bank.as.marketer.lists.delivered.query({})).filter(
      (l) => l.kind === 'referral',
    );
    expect(waiting.map((l) => l.audienceListId)).toEqual([null]);
    await fed.bank.as.compliance.rules.set.mutate(countsOnly(PURPOSE_REFERRAL));
    const refused = await codeOf(
      fed.bank.as.marketer.lists.fetch.mutate({ listId: waiting[0]?.id as string }),
    );
    expect(refused).toBe('POLICY_REFUSED');
    expect(await fed.bank.as.marketer.lists.list.query()).toEqual([]);
  });
});

describe('removals reach lists already delivered', () => {
  it('tightening the bank rule removes old consents from the live publication and from the insurer list', async () => {
    expect(await onList('INS-5')).toBe(true);
    const bankPubs = await fed.bank.as.marketer.publications.list.query({});
    await fed.bank.as.compliance.rules.set.mutate({
      purpose: PURPOSE_CROSS_SELL,
      allowedIndustries: ['*'],
      maxConsentAgeDays: 5,
      kMin: 5,
      listsAllowed: true,
      retentionDays: 90,
    });
    const old = fed.ids.bank.get('BNK-OLD-5') as string;
    await until('BNK-OLD-5 leaves the bank publication', async () => {
      const t = await dataTrail(fed.bank.node.db, old);
      return t.publications.some((p) => p.removedReason === 'rule_changed');
    });
    await until('INS-5 leaves the insurer list', async () => !(await onList('INS-5')));
    // Only the member the rule excludes left; no republish happened.
    expect(await onList('INS-20')).toBe(true);
    const after = await fed.bank.as.marketer.publications.list.query({});
    expect(after.map((p) => [p.id, p.status])).toEqual(bankPubs.map((p) => [p.id, p.status]));
  });

  it('a bank withdrawal and a bank erasure remove the counterpart from the stored list, its export and trail', async () => {
    const { bank } = fed;
    await bank.as.compliance.consent.withdraw.mutate({
      customerId: fed.ids.bank.get('BNK-17') as string,
      purposes: [PURPOSE_CROSS_SELL],
    });
    await until('INS-17 leaves the insurer list', async () => !(await onList('INS-17')));
    await bank.as.compliance.privacy.erase.mutate({ customerId: fed.ids.bank.get('BNK-18') as string });
    await until('INS-18 leaves the insurer list', async () => !(await onList('INS-18')));

    const csv = (await fed.insurer.as.marketer.lists.export.mutate({ listId: audienceId })).csv;
    const exported = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(exported.sort()).toEqual(await audienceExternalIds());
    expect(exported).not.toContain('INS-17');
    expect(exported).not.toContain('INS-18');

    // The insurer's marketer sees current counts and why they changed; its Art. 19 trail names the removal.
    const view = (await fed.insurer.as.marketer.lists.list.query()).find((l) => l.id === audienceId);
    expect(view?.current).toBe(exported.length);
    expect(view?.current).toBe((view?.resolved ?? 0) - 3);
    expect(view?.changes.map((c) => [c.reason, c.removed])).toEqual([
      ['partner_consent_ended', 1],
      ['partner_consent_ended', 1],
      ['partner_consent_ended', 1],
    ]);
    const insTrail = await dataTrail(fed.insurer.node.db, fed.ids.insurer.get('INS-17') as string);
    expect(insTrail.lists.find((l) => l.listId === audienceId)?.removedReason).toBe('partner_consent_ended');
    // The bank's trail shows where its removal went: the lists derived from its publication.
    const bankTrail = await dataTrail(fed.bank.node.db, fed.ids.bank.get('BNK-17') as string);
    const reached = bankTrail.publications.flatMap((p) => p.removalReached);
    expect(reached.map((r) => r.partner)).toContain('Insurer');
    expect(reached.every((r) => r.partner !== 'Bank')).toBe(true);
  });

  it('a person matched through two bank members stays until neither is eligible', async () => {
    const { bank } = fed;
    const since = new Date();
    await bank.as.compliance.consent.withdraw.mutate({
      customerId: fed.ids.bank.get('BNK-19') as string,
      purposes: [PURPOSE_CROSS_SELL],
    });
    await until('the BNK-19 delta reached the clean room', async () => {
      const s = await bank.as.marketer.publications.withdrawals.query({ since });
      return s.pending === 0 && s.processed === 1;
    });
    // A later removal reaching the insurer proves the earlier one was pulled too (removals arrive in order).
    await bank.as.compliance.consent.withdraw.mutate({
      customerId: fed.ids.bank.get('BNK-21') as string,
      purposes: [PURPOSE_CROSS_SELL],
    });
    await until('INS-21 leaves the insurer list', async () => !(await onList('INS-21')));
    expect(await onList('INS-19')).toBe(true);

    await bank.as.compliance.consent.withdraw.mutate({
      customerId: fed.ids.bank.get('BNK-19B') as string,
      purposes: [PURPOSE_CROSS_SELL],
    });
    await until('INS-19 leaves once neither bank member is eligible', async () => !(await onList('INS-19')));
  });

  it('counts a withdrawal as delivered only when it removed something; no-ops apart', async () => {
    const since = new Date();
    // BNK-15 refused from the start: in no publication, on no list.
    await fed.bank.as.compliance.consent.withdraw.mutate({
      customerId: fed.ids.bank.get('BNK-15') as string,
      purposes: [PURPOSE_CROSS_SELL],
    });
    await fed.bank.as.compliance.consent.withdraw.mutate({
      customerId: fed.ids.bank.get('BNK-22') as string,
      purposes: [PURPOSE_CROSS_SELL],
    });
    await until('both withdrawals handled', async () => {
      const s = await fed.bank.as.marketer.publications.withdrawals.query({ since });
      return s.pending === 0 && s.processed === 2;
    });
    const s = await fed.bank.as.marketer.publications.withdrawals.query({ since });
    expect([s.delivered, s.noOp]).toEqual([1, 1]);
    await until('INS-22 leaves the insurer list', async () => !(await onList('INS-22')));
    const received = await fed.insurer.as.marketer.publications.withdrawals.query({});
    // INS-5 (rule), 17, 18, 19, 21, 22 left the audience; other lists derived from the bank count too.
    expect(received.receivedFromPartners).toBeGreaterThanOrEqual(6);
    expect(received.delivered).toBe(0);
  });
});
