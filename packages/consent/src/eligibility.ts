// The single eligibility decision: customer × purpose × recipient × time → allowed, or one reason code.
// The publisher's set-based SQL (apps/node/src/consent/eligibility-sql.ts) must agree with this; a property test checks it.
import type { CollectionMethod, ConsentState } from './events.ts';
import { WILDCARD } from './events.ts';
import { ancestorsOf } from './purposes.ts';

/** Why a customer may not be used for a purpose, in the order they are checked. */
export const INELIGIBLE_REASONS = [
  /** No compliance rule covers the purpose: deny by default. */
  'no_rule',
  /** The rule does not allow this recipient industry at all. */
  'industry_not_allowed',
  /** The customer never gave (or refused) consent for the purpose. */
  'no_consent',
  'refused',
  'withdrawn',
  /** Withdrawn by a Global Privacy Control signal (opt-out of sharing). */
  'gpc_opt_out',
  /** Recorded as expired, or past its valid-until. */
  'expired',
  /** Older than the rule's maximum consent age. */
  'too_old',
  /** The consent's recipients scope does not cover this recipient. */
  'recipient_not_allowed',
] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];

/** The fields of a stored consent event the decision needs; `seq` breaks ties between equal capture times. */
export interface ConsentEventFacts {
  seq: number;
  purpose: string;
  state: ConsentState;
  collectionMethod: CollectionMethod | string;
  capturedAt: Date;
  validUntil: Date | null;
  recipientIndustries: readonly string[];
  recipientPartners: readonly string[];
}

/** The parts of a compliance rule version the decision needs. */
export interface RuleFacts {
  purpose: string;
  allowedIndustries: readonly string[];
  maxConsentAgeDays: number | null;
}

export interface Recipient {
  industry: string;
  partnerId?: string | null;
}

export type Decision = { allowed: true; seq: number } | { allowed: false; reason: IneligibleReason };

const DAY_MS = 86_400_000;

/**
 * The event that decides a purpose at `at`: the latest (capturedAt, seq) among events for the purpose itself
 * and negative events (refused/withdrawn/expired) for any ancestor — withdrawing `marketing` withdraws every
 * marketing sub-purpose, but giving `marketing` grants none of them (consent must be specific).
 */
export function decidingEvent<E extends ConsentEventFacts>(
  events: readonly E[],
  purpose: string,
  at: Date,
): E | undefined {
  const ancestors = new Set(ancestorsOf(purpose));
  let best: E | undefined;
  for (const e of events) {
    if (e.capturedAt.getTime() > at.getTime()) continue;
    const relevant = e.purpose === purpose || (ancestors.has(e.purpose) && e.state !== 'given');
    if (!relevant) continue;
    if (
      !best ||
      e.capturedAt.getTime() > best.capturedAt.getTime() ||
      (e.capturedAt.getTime() === best.capturedAt.getTime() && e.seq > best.seq)
    ) {
      best = e;
    }
  }
  return best;
}

/** The cutoff before which a consent is too old under a rule, or null when the rule sets no maximum age. */
export function consentAgeCutoff(rule: RuleFacts, at: Date): Date | null {
  return rule.maxConsentAgeDays === null ? null : new Date(at.getTime() - rule.maxConsentAgeDays * DAY_MS);
}

export function industryAllowed(rule: RuleFacts, industry: string): boolean {
  return rule.allowedIndustries.includes(WILDCARD) || rule.allowedIndustries.includes(industry);
}

/** Decides one customer (all their events) for one purpose, recipient and time under the purpose's rule. */
export function decide(input: {
  events: readonly ConsentEventFacts[];
  purpose: string;
  recipient: Recipient;
  at: Date;
  rule: RuleFacts | null | undefined;
}): Decision {
  const { events, purpose, recipient, at, rule } = input;
  if (!rule) return { allowed: false, reason: 'no_rule' };
  if (!industryAllowed(rule, recipient.industry)) return { allowed: false, reason: 'industry_not_allowed' };
  const e = decidingEvent(events, purpose, at);
  if (!e) return { allowed: false, reason: 'no_consent' };
  if (e.state === 'refused') return { allowed: false, reason: 'refused' };
  if (e.state === 'withdrawn') {
    return { allowed: false, reason: e.collectionMethod === 'gpc' ? 'gpc_opt_out' : 'withdrawn' };
  }
  if (e.state === 'expired') return { allowed: false, reason: 'expired' };
  if (e.validUntil && e.validUntil.getTime() <= at.getTime()) return { allowed: false, reason: 'expired' };
  const cutoff = consentAgeCutoff(rule, at);
  if (cutoff && e.capturedAt.getTime() < cutoff.getTime()) return { allowed: false, reason: 'too_old' };
  const inScope =
    e.recipientIndustries.includes(WILDCARD) ||
    e.recipientIndustries.includes(recipient.industry) ||
    (recipient.partnerId != null && e.recipientPartners.includes(recipient.partnerId));
  if (!inScope) return { allowed: false, reason: 'recipient_not_allowed' };
  return { allowed: true, seq: e.seq };
}

/** The most specific rule for a purpose: its own, else its nearest ancestor's. */
export function ruleFor<R extends RuleFacts>(rules: readonly R[], purpose: string): R | undefined {
  const chain = [purpose, ...ancestorsOf(purpose).reverse()];
  for (const p of chain) {
    const r = rules.find((x) => x.purpose === p);
    if (r) return r;
  }
  return undefined;
}
