import { describe, expect, it } from 'vitest';
import {
  type ConsentEventFacts,
  decide,
  decidingEvent,
  type RuleFacts,
  ruleFor,
} from '../src/eligibility.ts';
import { ConsentSignal } from '../src/events.ts';
import {
  ancestorsOf,
  gpcPurposes,
  isKnownPurpose,
  isPurposeId,
  isWithin,
  PURPOSES,
} from '../src/purposes.ts';

const DAY = 86_400_000;
const t = (iso: string) => new Date(iso);
const rule: RuleFacts = {
  purpose: 'marketing',
  allowedIndustries: ['insurance', 'retail'],
  maxConsentAgeDays: 365,
};

let seq = 0;
function ev(partial: Partial<ConsentEventFacts>): ConsentEventFacts {
  seq += 1;
  return {
    seq,
    purpose: 'marketing.cross_sell.partner_offers',
    state: 'given',
    collectionMethod: 'web_form',
    capturedAt: t('2026-03-01T00:00:00Z'),
    validUntil: null,
    recipientIndustries: ['insurance'],
    recipientPartners: [],
    ...partial,
  };
}

const at = t('2026-06-01T00:00:00Z');
const P = 'marketing.cross_sell.partner_offers';
const ins = { industry: 'insurance' };

describe('purposes', () => {
  it('is a well-formed dotted taxonomy whose parents exist', () => {
    for (const p of PURPOSES) {
      expect(isPurposeId(p.id)).toBe(true);
      for (const a of ancestorsOf(p.id)) expect(isKnownPurpose(a)).toBe(true);
    }
    expect(ancestorsOf(P)).toEqual(['marketing', 'marketing.cross_sell']);
    expect(isWithin(P, 'marketing')).toBe(true);
    expect(isWithin('marketing_x', 'marketing')).toBe(false);
    expect(gpcPurposes()).toEqual(['marketing', 'analytics']);
    expect(isPurposeId('Marketing')).toBe(false);
  });
});

describe('decide', () => {
  it('allows a given, in-scope, fresh consent under a rule', () => {
    const e = ev({});
    expect(decide({ events: [e], purpose: P, recipient: ins, at, rule })).toEqual({
      allowed: true,
      seq: e.seq,
    });
  });

  it('returns each reason code in order', () => {
    const r = (events: ConsentEventFacts[], recipient = ins, useRule: RuleFacts | null = rule, when = at) =>
      decide({ events, purpose: P, recipient, at: when, rule: useRule });
    expect(r([ev({})], ins, null)).toEqual({ allowed: false, reason: 'no_rule' });
    expect(r([ev({})], { industry: 'bank' })).toEqual({ allowed: false, reason: 'industry_not_allowed' });
    expect(r([])).toEqual({ allowed: false, reason: 'no_consent' });
    expect(r([ev({ state: 'refused' })])).toEqual({ allowed: false, reason: 'refused' });
    expect(r([ev({}), ev({ state: 'withdrawn', capturedAt: t('2026-04-01T00:00:00Z') })])).toEqual({
      allowed: false,
      reason: 'withdrawn',
    });
    expect(r([ev({ state: 'withdrawn', collectionMethod: 'gpc' })])).toEqual({
      allowed: false,
      reason: 'gpc_opt_out',
    });
    expect(r([ev({ state: 'expired' })])).toEqual({ allowed: false, reason: 'expired' });
    expect(r([ev({ validUntil: t('2026-05-01T00:00:00Z') })])).toEqual({ allowed: false, reason: 'expired' });
    expect(r([ev({})], ins, rule, new Date(t('2026-03-01T00:00:00Z').getTime() + 366 * DAY))).toEqual({
      allowed: false,
      reason: 'too_old',
    });
    expect(r([ev({})], { industry: 'retail' })).toEqual({ allowed: false, reason: 'recipient_not_allowed' });
  });

  it('lets a named partner or the wildcard widen the recipients scope', () => {
    const named = ev({ recipientIndustries: [], recipientPartners: ['acme'] });
    expect(
      decide({ events: [named], purpose: P, recipient: { industry: 'retail', partnerId: 'acme' }, at, rule })
        .allowed,
    ).toBe(true);
    expect(
      decide({ events: [named], purpose: P, recipient: { industry: 'retail', partnerId: 'other' }, at, rule })
        .allowed,
    ).toBe(false);
    const any = ev({ recipientIndustries: ['*'] });
    expect(decide({ events: [any], purpose: P, recipient: { industry: 'retail' }, at, rule }).allowed).toBe(
      true,
    );
  });

  it('a parent withdrawal ends the child; a parent consent does not grant it', () => {
    const given = ev({});
    const parentOut = ev({ purpose: 'marketing', state: 'withdrawn', capturedAt: t('2026-04-01T00:00:00Z') });
    expect(decidingEvent([given, parentOut], P, at)).toBe(parentOut);
    const parentIn = ev({ purpose: 'marketing', recipientIndustries: ['*'] });
    expect(decide({ events: [parentIn], purpose: P, recipient: ins, at, rule })).toEqual({
      allowed: false,
      reason: 'no_consent',
    });
  });

  it('ignores events captured after `at`, and breaks ties by sequence', () => {
    const future = ev({ state: 'withdrawn', capturedAt: t('2026-07-01T00:00:00Z') });
    expect(decide({ events: [ev({}), future], purpose: P, recipient: ins, at, rule }).allowed).toBe(true);
    const a = ev({ state: 'withdrawn' });
    const b = ev({}); // same instant, later sequence: wins
    expect(decide({ events: [b, a], purpose: P, recipient: ins, at, rule })).toEqual({
      allowed: true,
      seq: b.seq,
    });
  });

  it('uses the most specific rule', () => {
    const rules: RuleFacts[] = [
      rule,
      { purpose: 'marketing.cross_sell', allowedIndustries: ['*'], maxConsentAgeDays: null },
    ];
    expect(ruleFor(rules, P)?.purpose).toBe('marketing.cross_sell');
    expect(ruleFor(rules, 'marketing.referral')?.purpose).toBe('marketing');
    expect(ruleFor(rules, 'analytics')).toBeUndefined();
  });
});

describe('ConsentSignal', () => {
  const base = {
    purpose: 'marketing.referral',
    state: 'given',
    recipientIndustries: ['insurance'],
    collectionMethod: 'web_form',
    source: 'web',
    capturedAt: '2026-01-01T00:00:00Z',
  };
  it('fills defaults and coerces dates', () => {
    expect(ConsentSignal.parse(base)).toMatchObject({
      lawfulBasis: 'consent',
      recipientPartners: [],
      noticeVersionId: null,
      validUntil: null,
      capturedAt: t('2026-01-01T00:00:00Z'),
    });
  });
  it('rejects unknown purposes, recipient-less consent and inverted validity', () => {
    expect(ConsentSignal.safeParse({ ...base, purpose: 'marketing.spam' }).success).toBe(false);
    expect(ConsentSignal.safeParse({ ...base, recipientIndustries: [] }).success).toBe(false);
    expect(ConsentSignal.safeParse({ ...base, validUntil: '2025-01-01' }).success).toBe(false);
    expect(ConsentSignal.safeParse({ ...base, state: 'withdrawn', recipientIndustries: [] }).success).toBe(
      true,
    );
  });
});
