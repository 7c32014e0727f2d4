// Seeds a federation test node through the CRM and consent domain functions (customers, rules, consents, a segment).

import { type ConsentEventInput, recordConsentEvents } from '../../src/consent/record.ts';
import { setRule } from '../../src/consent/rules.ts';
import { idsByExternalId, upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import type { NodeService } from '../../src/server.ts';
import { PURPOSE_CROSS_SELL, PURPOSE_REFERRAL } from './fixtures.ts';

export interface Person {
  externalId: string;
  emails?: string[];
  phones?: string[];
  country?: string;
  /** Consent for the cross-sell purpose towards `recipient`: given, refused, or given then withdrawn. */
  consent: 'given' | 'refused' | 'withdrawn' | 'none';
  /** Also consented to the referral purpose (towards the same recipient industry). */
  referral?: boolean;
}

const SYSTEM = { id: null, email: 'system' };

/** Seeds people and a segment "country = DE"; returns the segment id and customer ids by external id. */
export async function seedNode(
  node: NodeService,
  people: Person[],
  opts: { recipientIndustry: string; at: Date },
): Promise<{ segmentId: string; ids: Map<string, string> }> {
  const { db } = node;
  for (const purpose of [PURPOSE_CROSS_SELL, PURPOSE_REFERRAL]) {
    await setRule(
      { db, now: () => new Date(opts.at.getTime() - 120_000) },
      {
        purpose,
        allowedIndustries: [opts.recipientIndustry],
        maxConsentAgeDays: null,
        kMin: 5,
        listsAllowed: true,
        retentionDays: 90,
        actor: SYSTEM,
      },
    );
  }
  await upsertCustomers(
    db,
    people.map((p) => ({
      externalId: p.externalId,
      firstName: `First ${p.externalId}`,
      lastName: `Last ${p.externalId}`,
      country: p.country ?? 'DE',
      emails: p.emails ?? [],
      phones: p.phones ?? [],
    })),
  );
  const ids = await idsByExternalId(
    db,
    people.map((p) => p.externalId),
  );
  const capturedAt = new Date(opts.at.getTime() - 60_000);
  const events = people.flatMap((p): ConsentEventInput[] => {
    const customerId = ids.get(p.externalId);
    if (!customerId) throw new Error(`customer ${p.externalId} not seeded`);
    const base: Omit<ConsentEventInput, 'state' | 'capturedAt'> = {
      customerId,
      purpose: PURPOSE_CROSS_SELL,
      lawfulBasis: 'consent',
      recipientIndustries: [opts.recipientIndustry],
      recipientPartners: [],
      collectionMethod: 'web_form',
      source: 'federation-test',
      noticeVersionId: null,
      validUntil: null,
      evidenceRef: null,
    };
    const referral: ConsentEventInput[] = p.referral
      ? [{ ...base, purpose: PURPOSE_REFERRAL, state: 'given', capturedAt }]
      : [];
    if (p.consent === 'none') return referral;
    if (p.consent === 'refused') return [{ ...base, state: 'refused', capturedAt }, ...referral];
    const given: ConsentEventInput = { ...base, state: 'given', capturedAt };
    if (p.consent === 'given') return [given, ...referral];
    return [
      given,
      { ...base, state: 'withdrawn', capturedAt: new Date(capturedAt.getTime() + 1_000) },
      ...referral,
    ];
  });
  await db
    .transaction()
    .execute((trx) =>
      recordConsentEvents({ db: trx, now: () => opts.at }, { events, actor: SYSTEM, via: 'import' }),
    );
  const segment = await db
    .insertInto('segment')
    .values({
      name: 'German customers',
      description: 'country = DE',
      rule: JSON.stringify({ type: 'field', field: 'country', op: 'eq', value: 'DE' }),
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { segmentId: segment.id, ids };
}
