// Seeds the compliance setup and consent in every state for the demo customers (given, refused, withdrawn, expired, none).
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { publishNoticeVersion } from '../consent/notices.ts';
import { type ConsentEventInput, recordConsentEvents } from '../consent/record.ts';
import { setRule } from '../consent/rules.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
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

/** The notice and rules, dated well before the seeded consents; returns the notice version's id. */
async function seedNoticeAndRules(deps: Pick<Deps, 'db'>, now: Date): Promise<string> {
  const setup = { db: deps.db, now: () => new Date(now.getTime() - 800 * DAY) };
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
  return notice.id;
}

/** One customer's consent story, drawn from `rng` (given 72%, refused 8%, withdrawn 7%, expired 6%, none 7%). */
function customerEvents(
  rng: Rng,
  c: { id: string; noticeId: string; recipients: string[]; now: Date },
  byState: Record<string, number>,
): ConsentEventInput[] {
  const { id, now } = c;
  const roll = rng.next();
  const capturedAt = new Date(now.getTime() - rng.int(30, 600) * DAY);
  const base = {
    customerId: id,
    lawfulBasis: 'consent' as const,
    recipientIndustries: c.recipients,
    recipientPartners: [],
    collectionMethod: rng.pick(['web_form', 'paper_form', 'phone'] as const),
    source: rng.pick(['online-banking', 'branch', 'call-center', 'newsletter-signup']),
    noticeVersionId: c.noticeId,
    evidenceRef: `EV-${id.slice(0, 8)}`,
  };
  const given = (purpose: string, validUntil: Date | null = new Date(capturedAt.getTime() + 730 * DAY)) => ({
    ...base,
    purpose,
    state: 'given' as const,
    capturedAt,
    validUntil,
  });
  const count = (state: string) => {
    byState[state] = (byState[state] ?? 0) + 1;
  };
  const ended = { validUntil: null, recipientIndustries: [] };
  if (roll < 0.72) {
    count('given');
    return PURPOSES.filter((purpose) => purpose !== PURPOSES[2] || rng.chance(0.6)).map((p) => given(p));
  }
  if (roll < 0.8) {
    count('refused');
    return [{ ...base, purpose: 'marketing', state: 'refused', capturedAt, ...ended }];
  }
  if (roll < 0.87) {
    count('withdrawn');
    const first = given(PURPOSES[0] as string);
    const at = new Date(capturedAt.getTime() + rng.int(1, 25) * DAY);
    return [first, { ...base, purpose: PURPOSES[0] as string, state: 'withdrawn', capturedAt: at, ...ended }];
  }
  if (roll < 0.93) {
    count('expired');
    const old = new Date(now.getTime() - 900 * DAY);
    return [{ ...given(PURPOSES[0] as string, new Date(old.getTime() + 365 * DAY)), capturedAt: old }];
  }
  count('none');
  return [];
}

/** Seeds consent as of `deps.now()` (read once: every event is dated from that one instant). */
export async function seedConsent(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { rng: Rng; ownIndustry?: string | undefined },
): Promise<ConsentSeedSummary> {
  const { db } = deps;
  const { rng } = input;
  const now = deps.now();
  const noticeId = await seedNoticeAndRules(deps, now);
  const recipients = INDUSTRIES.filter((i) => i !== input.ownIndustry);
  const customers = await db.selectFrom('customer').select('id').orderBy('external_id').execute();
  const events: ConsentEventInput[] = [];
  const byState: Record<string, number> = { given: 0, refused: 0, withdrawn: 0, expired: 0, none: 0 };
  for (const { id } of customers) {
    events.push(...customerEvents(rng, { id, noticeId, recipients, now }, byState));
  }
  await inTransaction(db, (trx) =>
    recordConsentEvents({ db: trx, now: () => now }, { events, actor: SYSTEM_ACTOR, via: 'import' }),
  );
  return { events: events.length, byState };
}
