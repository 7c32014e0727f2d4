// Seeds the compliance setup and consent in every state for the demo customers (given, refused, withdrawn, expired, none).
import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { publishNoticeVersion } from '../consent/notices.ts';
import { type ConsentEventInput, recordConsentEvents } from '../consent/record.ts';
import { setRule } from '../consent/rules.ts';
import type { Database } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Rng } from './random.ts';

const DAY = 86_400_000;
const PURPOSES = [
  'marketing.cross_sell.partner_offers',
  'analytics.audience_overlap',
  'marketing.referral.partner_products',
];
const INDUSTRIES = ['bank', 'insurance', 'automotive'];
const NOTICE = `We would like to tell you about offers from our partners in banking, insurance and car sales.
To do so we share a one-way, keyed fingerprint of your e-mail address and phone number with a neutral clean room
that compares it with our partners' customers. Your name, address and purchases never leave us. You can withdraw
this consent at any time in your account or by contacting us; sharing stops within seconds.`;

export interface ConsentSeedSummary {
  events: number;
  byState: Record<string, number>;
}

export async function seedConsent(
  db: Kysely<Database>,
  opts: { rng: Rng; now: Date; ownIndustry?: string },
): Promise<ConsentSeedSummary> {
  const { rng, now } = opts;
  // The notice and rules date from well before the seeded consents.
  const setup = { db, now: () => new Date(now.getTime() - 800 * DAY) };
  const notice = await publishNoticeVersion(setup, {
    key: 'partner-offers',
    title: 'Partner offers and audience matching',
    language: 'en',
    body: NOTICE,
    purposes: PURPOSES,
    actor: SYSTEM_ACTOR,
  });
  for (const purpose of PURPOSES) {
    await setRule(setup, {
      purpose,
      allowedIndustries: INDUSTRIES,
      maxConsentAgeDays: 730,
      kMin: 10,
      listsAllowed: !purpose.startsWith('analytics'),
      retentionDays: 90,
      actor: SYSTEM_ACTOR,
    });
  }
  const recipients = INDUSTRIES.filter((i) => i !== opts.ownIndustry);
  const customers = await db.selectFrom('customer').select('id').orderBy('external_id').execute();
  const events: ConsentEventInput[] = [];
  const byState: Record<string, number> = { given: 0, refused: 0, withdrawn: 0, expired: 0, none: 0 };
  for (const { id } of customers) {
    const roll = rng.next();
    const capturedAt = new Date(now.getTime() - rng.int(30, 600) * DAY);
    const base = {
      customerId: id,
      lawfulBasis: 'consent' as const,
      recipientIndustries: recipients,
      recipientPartners: [],
      collectionMethod: rng.pick(['web_form', 'paper_form', 'phone'] as const),
      source: rng.pick(['online-banking', 'branch', 'call-center', 'newsletter-signup']),
      noticeVersionId: notice.id,
      evidenceRef: `EV-${id.slice(0, 8)}`,
    };
    const given = (
      purpose: string,
      validUntil: Date | null = new Date(capturedAt.getTime() + 730 * DAY),
    ) => ({
      ...base,
      purpose,
      state: 'given' as const,
      capturedAt,
      validUntil,
    });
    if (roll < 0.72) {
      byState.given = (byState.given ?? 0) + 1;
      for (const purpose of PURPOSES)
        if (purpose !== PURPOSES[2] || rng.chance(0.6)) events.push(given(purpose));
    } else if (roll < 0.8) {
      byState.refused = (byState.refused ?? 0) + 1;
      events.push({
        ...base,
        purpose: 'marketing',
        state: 'refused',
        capturedAt,
        validUntil: null,
        recipientIndustries: [],
      });
    } else if (roll < 0.87) {
      byState.withdrawn = (byState.withdrawn ?? 0) + 1;
      events.push(given(PURPOSES[0] as string));
      const at = new Date(capturedAt.getTime() + rng.int(1, 25) * DAY);
      events.push({
        ...base,
        purpose: PURPOSES[0] as string,
        state: 'withdrawn',
        capturedAt: at,
        validUntil: null,
        recipientIndustries: [],
      });
    } else if (roll < 0.93) {
      byState.expired = (byState.expired ?? 0) + 1;
      const old = new Date(now.getTime() - 900 * DAY);
      events.push({ ...given(PURPOSES[0] as string, new Date(old.getTime() + 365 * DAY)), capturedAt: old });
    } else {
      byState.none = (byState.none ?? 0) + 1;
    }
  }
  await inTransaction(db, (trx) =>
    recordConsentEvents({ db: trx, now: () => now }, { events, actor: SYSTEM_ACTOR, via: 'import' }),
  );
  return { events: events.length, byState };
}
