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
  const cleanroom = await startCleanroomProcess(label);
  const bank = await startTestNode(cleanroom, { label: `${label}_bank`, name: 'Bank', industry: 'bank' });
  const insurer = await startTestNode(cleanroom, {
    label: `${label}_insurer`,
    name: 'Insurer',
    industry: 'insurance',
  });
  const at = new Date();
  const bankSeed = await seedNode(bank.node, people.bank, { recipientIndustry: 'insurance', at });
  const insurerSeed = await seedNode(insurer.node, people.insurer, { recipientIndustry: 'bank', at });
  const proposed = await insurer.as.compliance.collaborations.propose.mutate({
    name: 'Bank × Insurer',
    partnerIds: [bank.partnerId],
    purposes,
    policy: {
      kMin: 5,
      crossSellLists: true,
      referralLists: true,
      epsilonBudget: 5,
      minSegmentSize: 5,
      ...policy,
    },
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
  });
  await bank.as.compliance.collaborations.approve.mutate({ collaborationId: proposed.id });
  const ins = await insurer.as.marketer.publications.publish.mutate({
    collaborationId: proposed.id,
    segmentId: insurerSeed.segmentId,
  });
  const bnk = await bank.as.marketer.publications.publish.mutate({
    collaborationId: proposed.id,
    segmentId: bankSeed.segmentId,
  });
  return {
    cleanroom,
    bank,
    insurer,
    collaborationId: proposed.id,
    bankIds: bankSeed.ids,
    insurerIds: insurerSeed.ids,
    insurerPublicationId: ins.publicationId,
    bankCleanroomPublicationId: bnk.cleanroomPublicationId,
    stop: async () => {
      await bank.stop();
      await insurer.stop();
      await cleanroom.stop();
    },
  };
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
