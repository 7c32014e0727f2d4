// A ready federation for withdrawal tests and the bench: clean room, bank and insurer nodes, an active
// collaboration and a live publication on each side.
import { bankPeople, insurerPeople, PURPOSE_CROSS_SELL } from './fixtures.ts';
import { type RunningCleanroom, startCleanroomProcess, startTestNode, type TestNode } from './harness.ts';
import { type Person, seedNode } from './seed.ts';

export interface Federation {
  cleanroom: RunningCleanroom;
  bank: TestNode;
  insurer: TestNode;
  collaborationId: string;
  bankIds: Map<string, string>;
  insurerIds: Map<string, string>;
  insurerPublicationId: string;
  bankCleanroomPublicationId: string;
  stop(): Promise<void>;
}

export async function startFederation(
  label: string,
  people: { bank: Person[]; insurer: Person[] } = { bank: bankPeople(), insurer: insurerPeople() },
  purposes: string[] = [PURPOSE_CROSS_SELL],
  /** Overrides of the proposal's output policy (e.g. `{ measurement: true }`). */
  policy: Record<string, unknown> = {},
): Promise<Federation> {
  const pair = await startBankAndInsurer(label);
  const { cleanroom, bank, insurer } = pair;
  const at = new Date();
  const bankSeed = await seedNode(bank.node, people.bank, { recipientIndustry: 'insurance', at });
  const insurerSeed = await seedNode(insurer.node, people.insurer, { recipientIndustry: 'bank', at });
  const {
    collaborationId,
    proposerPub: ins,
    partnerPub: bnk,
  } = await collaborateAndPublish(
    { node: insurer, segmentId: insurerSeed.segmentId },
    { node: bank, segmentId: bankSeed.segmentId },
    purposes,
    { referralLists: true, policy },
  );
  return {
    cleanroom,
    bank,
    insurer,
    collaborationId,
    bankIds: bankSeed.ids,
    insurerIds: insurerSeed.ids,
    insurerPublicationId: ins.publicationId,
    bankCleanroomPublicationId: bnk.cleanroomPublicationId,
    stop: pair.stop,
  };
}

export interface BankAndInsurer {
  cleanroom: RunningCleanroom;
  bank: TestNode;
  insurer: TestNode;
  stop(): Promise<void>;
}

/** A clean room with a bank and an insurer node (empty), each with its own default phone region. */
export async function startBankAndInsurer(
  label: string,
  regions: { bank?: string; insurer?: string } = {},
): Promise<BankAndInsurer> {
  const cleanroom = await startCleanroomProcess(label);
  const bank = await startTestNode(cleanroom, {
    label: `${label}_bank`,
    name: 'Bank',
    industry: 'bank',
    ...(regions.bank ? { defaultRegion: regions.bank } : {}),
  });
  const insurer = await startTestNode(cleanroom, {
    label: `${label}_insurer`,
    name: 'Insurer',
    industry: 'insurance',
    ...(regions.insurer ? { defaultRegion: regions.insurer } : {}),
  });
  return {
    cleanroom,
    bank,
    insurer,
    stop: async () => {
      await bank.stop();
      await insurer.stop();
      await cleanroom.stop();
    },
  };
}

export type Published = Awaited<ReturnType<TestNode['as']['marketer']['publications']['publish']['mutate']>>;

/**
 * The proposer's compliance officer proposes a collaboration with the partner (kMin 5, cross-sell lists), the
 * partner approves, and each side's marketer publishes its segment.
 */
export async function collaborateAndPublish(
  proposer: { node: TestNode; segmentId: string },
  partner: { node: TestNode; segmentId: string },
  purposes: string[],
  /** `policy`: overrides of the proposal's output policy (e.g. `{ measurement: true }`). */
  opts: { referralLists?: boolean; policy?: Record<string, unknown> } = {},
): Promise<{ collaborationId: string; proposerPub: Published; partnerPub: Published }> {
  const proposed = await proposer.node.as.compliance.collaborations.propose.mutate({
    name: 'Bank × Insurer',
    partnerIds: [partner.node.partnerId],
    purposes,
    policy: {
      kMin: 5,
      crossSellLists: true,
      epsilonBudget: 5,
      minSegmentSize: 5,
      referralLists: opts.referralLists ?? false,
      ...opts.policy,
    },
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
  });
  await partner.node.as.compliance.collaborations.approve.mutate({ collaborationId: proposed.id });
  const publish = (side: { node: TestNode; segmentId: string }) =>
    side.node.as.marketer.publications.publish.mutate({
      collaborationId: proposed.id,
      segmentId: side.segmentId,
    });
  const proposerPub = await publish(proposer);
  const partnerPub = await publish(partner);
  return { collaborationId: proposed.id, proposerPub, partnerPub };
}

/** Waits (bounded) until a node's outbox has nothing pending; returns its withdrawal figures. */
export async function waitForPropagation(
  node: TestNode,
  expectedProcessed: number,
  since: Date,
  timeoutMs = 15_000,
) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const stats = await node.as.marketer.publications.withdrawals.query({ since });
    if (stats.pending === 0 && stats.processed >= expectedProcessed) return stats;
    if (Date.now() > until) throw new Error(`withdrawals not propagated: ${JSON.stringify(stats)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
