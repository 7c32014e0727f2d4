// Generated from the compliance rule's fields: for every field of rules.set, changing only that field at the bank
// flips an outcome where data leaves or comes back (published or excluded; list or POLICY_REFUSED; kMin applied;
// data expired). A field added to the rule without a case here fails the first test.
import { createCleanroomClient } from '@concord/protocol/client';
import { concordCodeOf } from '@concord/service/trpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { SetRuleInput } from '../../src/api/rules/set-rule.schema.ts';
import { PURPOSE_CROSS_SELL } from './fixtures.ts';
import { type Federation, startFederation } from './scenario.ts';
import { addBankCustomers } from './three-nodes.ts';

type RuleFields = Omit<z.infer<typeof SetRuleInput>, 'purpose' | 'note'>;

const BASE: RuleFields = {
  allowedIndustries: ['insurance'],
  maxConsentAgeDays: null,
  kMin: 5,
  listsAllowed: true,
  retentionDays: 90,
};

/** What one case observes after the bank published under a rule (or the code the insurer got). */
type Outcome = string | boolean | number;
interface Case {
  flipped: Partial<RuleFields>;
  observe: () => Promise<Outcome>;
  /** Outcomes under BASE and under the flipped rule. */
  expected: [Outcome, Outcome];
}

let fed: Federation;
/** Bank customers whose only consent was captured 10 days ago (for the maximum consent age). */
let oldConsentId: string;

beforeAll(async () => {
  fed = await startFederation('rulefields');
  const added = await addBankCustomers(
    fed.bank.node,
    [{ externalId: 'BNK-OLD', emails: ['old@bank.example'], consent: 'given' }],
    new Date(Date.now() - 10 * 86_400_000),
  );
  oldConsentId = added.get('BNK-OLD') as string;
}, 240_000);
afterAll(() => fed?.stop());

async function publishBankUnder(rule: RuleFields) {
  await fed.bank.as.compliance.rules.set.mutate({ purpose: PURPOSE_CROSS_SELL, ...rule });
  const segments = await fed.bank.node.db.selectFrom('segment').select('id').execute();
  return fed.bank.as.marketer.publications.publish.mutate({
    collaborationId: fed.collaborationId,
    segmentId: segments[0]?.id as string,
  });
}

/** Whether a bank customer is in the bank's live publication now. */
async function publishedAtBank(customerId: string): Promise<boolean> {
  const row = await fed.bank.node.db
    .selectFrom('publication_member as pm')
    .innerJoin('publication as p', 'p.id', 'pm.publication_id')
    .select('pm.member_id')
    .where('p.status', '=', 'live')
    .where('pm.customer_id', '=', customerId)
    .where('pm.removed_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** The insurer asks for a cross-sell list against the bank's publication: 'OK' or the exact error code. */
async function insurerCrossSell(): Promise<string> {
  try {
    await fed.insurer.as.marketer.matches.request.mutate({
      collaborationId: fed.collaborationId,
      kind: 'cross_sell_list',
      purpose: PURPOSE_CROSS_SELL,
      publicationId: fed.insurerPublicationId,
      partnerPublicationIds: [fed.bankCleanroomPublicationId],
    });
    return 'OK';
  } catch (error) {
    return concordCodeOf(error) ?? 'UNKNOWN';
  }
}

/** Whether the bank's published data at the clean room expires within two days. */
async function bankDataExpiresWithinTwoDays(): Promise<boolean> {
  const client = createCleanroomClient({
    baseUrl: fed.cleanroom.url,
    credential: fed.bank.config.cleanroomCredential as string,
  });
  const { publications } = await client.listPublications({ collaborationId: fed.collaborationId });
  const own = publications.find((p) => p.id === fed.bankCleanroomPublicationId);
  return new Date(own?.expiresAt as string).getTime() < Date.now() + 2 * 86_400_000;
}

const CASES: Record<keyof RuleFields, Case> = {
  allowedIndustries: {
    flipped: { allowedIndustries: ['telecom'] },
    observe: () => publishedAtBank(fed.bankIds.get('BNK-20') as string),
    expected: [true, false],
  },
  maxConsentAgeDays: {
    flipped: { maxConsentAgeDays: 5 },
    observe: () => publishedAtBank(oldConsentId),
    expected: [true, false],
  },
  kMin: { flipped: { kMin: 1_000 }, observe: insurerCrossSell, expected: ['OK', 'BELOW_THRESHOLD'] },
  listsAllowed: {
    flipped: { listsAllowed: false },
    observe: insurerCrossSell,
    expected: ['OK', 'POLICY_REFUSED'],
  },
  retentionDays: {
    flipped: { retentionDays: 1 },
    observe: bankDataExpiresWithinTwoDays,
    expected: [false, true],
  },
};

describe('every compliance rule field changes an outcome', () => {
  it('has a case for every field rules.set accepts', () => {
    const fields = Object.keys(SetRuleInput.shape).filter((k) => k !== 'purpose' && k !== 'note');
    expect(Object.keys(CASES).sort()).toEqual(fields.sort());
    expect(Object.keys(BASE).sort()).toEqual(fields.sort());
  });

  it.each(Object.entries(CASES))('%s: changing only this field flips the outcome', async (field, c) => {
    expect(Object.keys(c.flipped)).toEqual([field]);
    await publishBankUnder(BASE);
    expect(await c.observe()).toBe(c.expected[0]);
    await publishBankUnder({ ...BASE, ...c.flipped });
    expect(await c.observe()).toBe(c.expected[1]);
  });
});
