// Three partners over HTTP (bank, insurer, telecom) in one collaboration with two purposes, everyone consenting
// towards any industry ('*'), each with a live publication. Extra bank customers make list provenance testable:
// BNK-OLD-5 (old consent, matches insurer person 5 by e-mail) and BNK-19B (a second bank customer sharing person
// 19's phone, so insurer person 19 is matched through two bank members).
import { recordConsentEvents } from '../../src/consent/record.ts';
import { idsByExternalId, upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import type { NodeService } from '../../src/server.ts';
import { bankPeople, insurerPeople, PURPOSE_CROSS_SELL, PURPOSE_REFERRAL } from './fixtures.ts';
import { type RunningCleanroom, startCleanroomProcess, startTestNode, type TestNode } from './harness.ts';
import { type Person, seedNode } from './seed.ts';

export interface ThreeNodes {
  cleanroom: RunningCleanroom;
  bank: TestNode;
  insurer: TestNode;
  telecom: TestNode;
  collaborationId: string;
  ids: { bank: Map<string, string>; insurer: Map<string, string>; telecom: Map<string, string> };
  /** Clean-room publication ids. */
  pubs: { bank: string; insurer: string; telecom: string };
  /** The insurer's local publication id (matches start from it). */
  insurerPublicationId: string;
  stop(): Promise<void>;
}

/** Adds bank customers with one cross-sell consent captured at `capturedAt`; returns their ids. */
export async function addBankCustomers(node: NodeService, people: Person[], capturedAt: Date) {
  await upsertCustomers(
    node.db,
    people.map((p) => ({
      externalId: p.externalId,
      firstName: 'Extra',
      lastName: p.externalId,
      country: 'DE',
      emails: p.emails ?? [],
      phones: p.phones ?? [],
    })),
  );
  const ids = await idsByExternalId(
    node.db,
    people.map((p) => p.externalId),
  );
  await node.db.transaction().execute((trx) =>
    recordConsentEvents(
      { db: trx, now: () => new Date() },
      {
        actor: { id: null, email: 'system' },
        via: 'import',
        events: [...ids.values()].map((customerId) => ({
          customerId,
          purpose: PURPOSE_CROSS_SELL,
          state: 'given' as const,
          lawfulBasis: 'consent',
          recipientIndustries: ['*'],
          recipientPartners: [],
          collectionMethod: 'paper_form' as const,
          source: 'branch',
          noticeVersionId: null,
          validUntil: null,
          evidenceRef: null,
          capturedAt,
        })),
      },
    ),
  );
  return ids;
}

export async function startThreeNodes(label: string): Promise<ThreeNodes> {
  const cleanroom = await startCleanroomProcess(label);
  const bank = await startTestNode(cleanroom, { label: `${label}_b`, name: 'Bank', industry: 'bank' });
  const insurer = await startTestNode(cleanroom, {
    label: `${label}_i`,
    name: 'Insurer',
    industry: 'insurance',
  });
  const telecom = await startTestNode(cleanroom, {
    label: `${label}_t`,
    name: 'Telecom',
    industry: 'telecom',
  });
  const at = new Date();
  const withReferral = (people: Person[]) => people.map((p) => ({ ...p, referral: p.consent === 'given' }));
  const telecomPeople: Person[] = Array.from({ length: 15 }, (_, k) => ({
    externalId: `TEL-${k + 11}`,
    emails: [`person${k + 11}@example.com`],
    consent: 'given',
    referral: true,
  }));
  const bankSeed = await seedNode(bank.node, withReferral(bankPeople()), { recipientIndustry: '*', at });
  const insurerSeed = await seedNode(insurer.node, withReferral(insurerPeople()), {
    recipientIndustry: '*',
    at,
  });
  const telecomSeed = await seedNode(telecom.node, telecomPeople, { recipientIndustry: '*', at });
  const old = await addBankCustomers(
    bank.node,
    [{ externalId: 'BNK-OLD-5', emails: ['person5@example.com'], consent: 'given' }],
    new Date(at.getTime() - 10 * 86_400_000),
  );
  const joint = await addBankCustomers(
    bank.node,
    [{ externalId: 'BNK-19B', phones: ['+4915120000019'], consent: 'given' }],
    new Date(at.getTime() - 60_000),
  );
  for (const [k, v] of [...old, ...joint]) bankSeed.ids.set(k, v);

  const proposed = await insurer.as.compliance.collaborations.propose.mutate({
    name: 'Bank × Insurer × Telecom',
    partnerIds: [bank.partnerId, telecom.partnerId],
    purposes: [PURPOSE_CROSS_SELL, PURPOSE_REFERRAL],
    policy: { kMin: 2, crossSellLists: true, referralLists: true, epsilonBudget: 10, minSegmentSize: 2 },
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
  });
  await bank.as.compliance.collaborations.approve.mutate({ collaborationId: proposed.id });
  await telecom.as.compliance.collaborations.approve.mutate({ collaborationId: proposed.id });
  const publish = (node: TestNode, segmentId: string) =>
    node.as.marketer.publications.publish.mutate({ collaborationId: proposed.id, segmentId });
  const ins = await publish(insurer, insurerSeed.segmentId);
  const bnk = await publish(bank, bankSeed.segmentId);
  const tel = await publish(telecom, telecomSeed.segmentId);
  return {
    cleanroom,
    bank,
    insurer,
    telecom,
    collaborationId: proposed.id,
    ids: { bank: bankSeed.ids, insurer: insurerSeed.ids, telecom: telecomSeed.ids },
    pubs: {
      bank: bnk.cleanroomPublicationId,
      insurer: ins.cleanroomPublicationId,
      telecom: tel.cleanroomPublicationId,
    },
    insurerPublicationId: ins.publicationId,
    stop: async () => {
      for (const n of [bank, insurer, telecom]) await n.stop();
      await cleanroom.stop();
    },
  };
}

/** Polls `check` until it returns true (bounded, so a broken propagation fails with `what` instead of hanging). */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
