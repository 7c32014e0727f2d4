// A node with varied customers and consents for campaign tests (generated, with expected facts kept beside).
import type { TestDatabase } from '@concord/db/testing';
import { type ConsentEventInput, recordConsentEvents } from '../../src/consent/record.ts';
import { setRule } from '../../src/consent/rules.ts';
import { idsByExternalId, upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import type { Database } from '../../src/db/database.ts';

export const PURPOSE = 'marketing.cross_sell.partner_offers';
const SYSTEM = { id: null, email: 'system' };
const COUNTRIES = ['DE', 'AT', 'FR', 'NL', 'PL'];

export interface Person {
  externalId: string;
  consent: 'given' | 'refused' | 'none';
}

/** n people; every 13th never consented, every 17th refused; countries, names and e-mail formats vary. */
export function people(n: number): Person[] {
  return Array.from({ length: n }, (_, k) => ({
    externalId: `C-${String(k + 1).padStart(3, '0')}`,
    consent: (k + 1) % 13 === 0 ? 'none' : (k + 1) % 17 === 0 ? 'refused' : 'given',
  }));
}

/** Seeds customers, a rule for `industry` and consents captured a minute before `at`; returns ids and a segment. */
export async function seedCampaignNode(
  db: TestDatabase<Database>['db'],
  ps: Person[],
  at: Date,
  industry = 'bank',
): Promise<{ ids: Map<string, string>; segmentId: string }> {
  await setRule(
    { db, now: () => new Date(at.getTime() - 120_000) },
    {
      purpose: PURPOSE,
      allowedIndustries: [industry],
      maxConsentAgeDays: null,
      kMin: 5,
      listsAllowed: true,
      retentionDays: 90,
      actor: SYSTEM,
    },
  );
  await upsertCustomers(
    db,
    ps.map((p, k) => ({
      externalId: p.externalId,
      firstName: k % 5 === 0 ? 'Zoë' : `First${k}`,
      lastName: k % 7 === 0 ? "O'Brien, Jr." : `Last${k}`,
      country: COUNTRIES[k % COUNTRIES.length] ?? 'DE',
      emails: k % 11 === 0 ? [] : [k % 2 ? `p${k}@Example.COM` : ` p${k}+tag@example.org `],
      phones: [`+49151${String(30_000_000 + k)}`],
    })),
  );
  const ids = await idsByExternalId(
    db,
    ps.map((p) => p.externalId),
  );
  const capturedAt = new Date(at.getTime() - 60_000);
  const events: ConsentEventInput[] = ps
    .filter((p) => p.consent !== 'none')
    .map((p) => ({
      customerId: ids.get(p.externalId) as string,
      purpose: PURPOSE,
      state: p.consent === 'given' ? 'given' : 'refused',
      lawfulBasis: 'consent',
      recipientIndustries: [industry],
      recipientPartners: [],
      collectionMethod: 'web_form',
      source: 'campaign-test',
      noticeVersionId: null,
      validUntil: null,
      evidenceRef: null,
      capturedAt,
    }));
  await db
    .transaction()
    .execute((trx) =>
      recordConsentEvents({ db: trx, now: () => at }, { events, actor: SYSTEM, via: 'import' }),
    );
  const segment = await db
    .insertInto('segment')
    .values({
      name: 'Everyone',
      description: null,
      rule: JSON.stringify({ type: 'has_identifier', kind: 'phone' }),
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ids, segmentId: segment.id };
}
