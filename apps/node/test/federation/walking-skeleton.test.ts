// Walking skeleton, end to end over HTTP: bank and insurer join a collaboration, publish consent-scoped tokenized
// segments, the insurer's marketer requests a cross-sell match and gets a list of its OWN customers, resolved locally.
import { concordCodeOf } from '@concord/service/trpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankPeople, insurerPeople, PURPOSE_CROSS_SELL } from './fixtures.ts';
import {
  type RunningCleanroom,
  runCli,
  startCleanroomProcess,
  startTestNode,
  type TestNode,
} from './harness.ts';
import { seedNode } from './seed.ts';

let cleanroom: RunningCleanroom;
let bank: TestNode;
let insurer: TestNode;
let bankSeed: Awaited<ReturnType<typeof seedNode>>;
let insurerSeed: Awaited<ReturnType<typeof seedNode>>;

beforeAll(async () => {
  cleanroom = await startCleanroomProcess('skeleton');
  bank = await startTestNode(cleanroom, { label: 'sk_bank', name: 'Bank', industry: 'bank' });
  insurer = await startTestNode(cleanroom, { label: 'sk_insurer', name: 'Insurer', industry: 'insurance' });
  const at = new Date();
  bankSeed = await seedNode(bank.node, bankPeople(), { recipientIndustry: 'insurance', at });
  insurerSeed = await seedNode(insurer.node, insurerPeople(), { recipientIndustry: 'bank', at });
}, 120_000);

afterAll(async () => {
  await bank?.stop();
  await insurer?.stop();
  await cleanroom?.stop();
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

describe('walking skeleton: bank × insurer cross-sell', () => {
  let collaborationId: string;
  let insurerPublicationId: string;
  let bankCleanroomPublicationId: string;

  it('the insurer proposes, the bank approves, the collaboration is active on both nodes', async () => {
    const partners = await insurer.as.compliance.collaborations.partners.query();
    expect(partners.map((p) => [p.name, p.self]).sort()).toEqual([
      ['Bank', false],
      ['Insurer', true],
    ]);
    const proposal = {
      name: 'Bank × Insurer cross-sell',
      partnerIds: [bank.partnerId],
      purposes: [PURPOSE_CROSS_SELL],
      policy: { kMin: 5, crossSellLists: true, referralLists: true, epsilonBudget: 5, minSegmentSize: 5 },
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
    };
    // Marketers publish and request; only compliance proposes.
    const denied = await insurer.as.marketer.collaborations.propose.mutate(proposal).catch((e: unknown) => e);
    expect(concordCodeOf(denied)).toBe('FORBIDDEN');

    const proposed = await insurer.as.compliance.collaborations.propose.mutate(proposal);
    expect(proposed.status).toBe('pending');
    expect(proposed.hasSecret).toBe(true);
    collaborationId = proposed.id;

    const pending = await bank.as.compliance.collaborations.list.query();
    expect(pending.map((c) => [c.id, c.status, c.hasSecret])).toEqual([[collaborationId, 'pending', false]]);
    const approved = await bank.as.compliance.collaborations.approve.mutate({ collaborationId });
    expect(approved.status).toBe('active');
    expect(approved.hasSecret).toBe(true);
    const seenByInsurer = await insurer.as.marketer.collaborations.get.query({ collaborationId });
    expect(seenByInsurer.status).toBe('active');
  });

  it('both nodes publish their segment, consent-scoped and tokenized, with exclusions by reason', async () => {
    const ins = await insurer.as.marketer.publications.publish.mutate({
      collaborationId,
      segmentId: insurerSeed.segmentId,
    });
    // Segment = 29 (person 30 lives in AT); 12 and 13 never consented, 14 withdrew.
    expect(ins.segmentSize).toBe(29);
    expect(ins.published).toBe(26);
    expect(ins.excluded).toEqual({ no_consent: 2, withdrawn: 1 });
    expect(ins.tokens).toBe(52);
    expect(ins.invalidIdentifiers).toEqual({});
    insurerPublicationId = ins.publicationId;

    const bnk = await bank.as.marketer.publications.publish.mutate({
      collaborationId,
      segmentId: bankSeed.segmentId,
    });
    expect(bnk.segmentSize).toBe(30);
    expect(bnk.published).toBe(28);
    expect(bnk.excluded).toEqual({ refused: 2 });
    bankCleanroomPublicationId = bnk.cleanroomPublicationId;

    const mine = await insurer.as.marketer.publications.list.query({ collaborationId });
    expect(mine.map((p) => [p.status, p.members])).toEqual([['live', 26]]);
  });

  it('the insurer requests a cross-sell list and receives its own consenting customers, resolved locally', async () => {
    // Person 18 withdraws at the insurer after publishing while the sender is stopped: the clean room still
    // lists them, so the node's own re-check at resolution must drop them.
    await insurer.node.federation?.sender.stop();
    const p18 = insurerSeed.ids.get('INS-18') as string;
    await insurer.as.compliance.consent.withdraw.mutate({ customerId: p18, purposes: [PURPOSE_CROSS_SELL] });

    const visible = await insurer.as.marketer.publications.partners.query({ collaborationId });
    expect(visible.map((p) => [p.id, p.partnerName])).toEqual([[bankCleanroomPublicationId, 'Bank']]);

    const match = await insurer.as.marketer.matches.request.mutate({
      collaborationId,
      kind: 'cross_sell_list',
      purpose: PURPOSE_CROSS_SELL,
      publicationId: insurerPublicationId,
      partnerPublicationIds: [bankCleanroomPublicationId],
    });
    const audience = match.audience;
    if (!audience) throw new Error('no audience');
    // Overlap 11..29; minus 12,13,14 (no insurer consent) and 15,16 (bank refused) = 11,17..29 (14 people),
    // 21..25 found through the phone number only.
    expect(audience.received).toBe(14);
    expect(audience.dropped).toEqual({ consent_changed: 1 });
    expect(audience.resolved).toBe(13);

    const members = await insurer.as.marketer.lists.members.query({ listId: audience.audienceListId });
    const expected = [11, ...range(17, 29).filter((i) => i !== 18)].map((i) => `INS-${i}`).sort();
    expect(members.map((m) => m.externalId).sort()).toEqual(expected);
    expect(members.find((m) => m.externalId === 'INS-22')?.email).toBe('person22@example.com');

    const lists = await insurer.as.marketer.lists.list.query();
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({
      collaborationId,
      matchId: match.matchId,
      kind: 'cross_sell',
      purpose: PURPOSE_CROSS_SELL,
      received: 14,
      resolved: 13,
      partnerSegments: [{ publicationId: bankCleanroomPublicationId }],
    });

    const csv = await insurer.as.marketer.lists.export.mutate({ listId: audience.audienceListId });
    const lines = csv.csv.trim().split('\n');
    expect(lines[0]).toBe('external_id,first_name,last_name,email,phone');
    expect(lines).toHaveLength(14);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(expected);

    // Compliance reads lists but does not export them.
    const denied = await insurer.as.compliance.lists.export
      .mutate({ listId: audience.audienceListId })
      .catch((e: unknown) => e);
    expect(concordCodeOf(denied)).toBe('FORBIDDEN');
  });

  it('audits publication, match, list fetch and export on the insurer node', async () => {
    const actions = await insurer.node.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'in', [
        'publication.commit',
        'match.request',
        'list.fetch',
        'list.export',
        'collaboration.propose',
      ])
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'collaboration.propose',
      'publication.commit',
      'match.request',
      'list.fetch',
      'list.export',
    ]);
  });

  it('drives the same flow from the concord CLI', async () => {
    const republished = await runCli(bank, 'marketer', [
      'publish',
      'segment',
      '--segment',
      bankSeed.segmentId,
      '--collaboration',
      collaborationId,
      '--json',
    ]);
    expect(republished.stderr).toBe('');
    expect(republished.code).toBe(0);
    const report = JSON.parse(republished.stdout) as {
      version: number;
      published: number;
      cleanroomPublicationId: string;
    };
    // A new version of the same publication (same clean-room id), replacing the first on commit.
    expect(report).toMatchObject({
      version: 2,
      published: 28,
      cleanroomPublicationId: bankCleanroomPublicationId,
    });

    const lists = await runCli(insurer, 'marketer', ['lists', 'list', '--json']);
    expect(lists.code).toBe(0);
    const [audience] = lists.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; resolved: number });
    expect(audience?.resolved).toBe(13);
    const exported = await runCli(insurer, 'marketer', ['lists', 'export', audience?.id as string]);
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim().split('\n')).toHaveLength(14);

    const denied = await runCli(insurer, 'marketer', ['collaborations', 'approve', collaborationId]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('FORBIDDEN');
  });
});
