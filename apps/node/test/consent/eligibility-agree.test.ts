// Property test: the publisher's set-based SQL and the pure decide() give the same answer for every customer.
import { decide, type RuleFacts } from '@concord/consent/eligibility';
import type { TestDatabase } from '@concord/db/testing';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionsQuery, eligibleCustomersQuery } from '../../src/consent/eligibility-sql.ts';
import type { Database } from '../../src/db/database.ts';
import { DAY, makeCustomers, openDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
let customers: string[];
beforeAll(async () => {
  tdb = await openDb('eligibility_agree');
  customers = await makeCustomers(tdb.db, 6, 'prop');
});
afterAll(() => tdb.destroy());

const PURPOSES = [
  'marketing',
  'marketing.cross_sell',
  'marketing.cross_sell.partner_offers',
  'marketing.referral',
  'analytics',
  'analytics.audience_overlap',
];
const INDUSTRIES = ['*', 'bank', 'insurance', 'retail'];
const BASE = Date.parse('2026-01-01T00:00:00Z');
// Few distinct instants so ties (same captured_at) happen often and the id tie-break is exercised.
const instant = fc.integer({ min: 0, max: 12 }).map((k) => new Date(BASE + k * 30 * DAY));

const event = fc.record({
  customer: fc.integer({ min: 0, max: 5 }),
  purpose: fc.constantFrom(...PURPOSES),
  state: fc.constantFrom('given', 'given', 'refused', 'withdrawn', 'expired'),
  method: fc.constantFrom('web_form', 'gpc'),
  capturedAt: instant,
  validDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
  industries: fc.subarray(INDUSTRIES),
  partners: fc.subarray(['p1', 'p2']),
});

const rule = fc.option(
  fc.record({
    allowedIndustries: fc.subarray(INDUSTRIES, { minLength: 1 }),
    maxConsentAgeDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
  }),
  { nil: null },
);

const scenario = fc.record({
  events: fc.array(event, { maxLength: 30 }),
  purposes: fc.uniqueArray(fc.constantFrom(...PURPOSES), { minLength: 1, maxLength: 3 }),
  rules: fc.array(rule, { minLength: 3, maxLength: 3 }),
  industry: fc.constantFrom('bank', 'insurance', 'retail'),
  partnerId: fc.option(fc.constantFrom('p1', 'p2', 'p3'), { nil: null }),
  at: fc.integer({ min: 0, max: 14 }).map((k) => new Date(BASE + k * 30 * DAY + (k % 2) * 3_600_000)),
  require: fc.constantFrom('all' as const, 'any' as const),
});

describe('eligibility: SQL agrees with decide()', () => {
  it('for random histories, rules, recipients and times', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        await sql`delete from consent_event`.execute(tdb.db);
        const inserted = s.events.length
          ? await tdb.db
              .insertInto('consent_event')
              .values(
                s.events.map((e) => ({
                  customer_id: customers[e.customer]!,
                  purpose: e.purpose,
                  state: e.state as 'given',
                  lawful_basis: 'consent',
                  recipient_industries: e.industries,
                  recipient_partners: e.partners,
                  collection_method: e.method,
                  source: 'prop',
                  captured_at: e.capturedAt,
                  valid_until: e.validDays ? new Date(e.capturedAt.getTime() + e.validDays * DAY) : null,
                  recorded_via: 'api',
                  recorded_at: new Date(),
                })),
              )
              .returning('id')
              .execute()
          : [];
        const facts = s.events.map((e, i) => ({
          customer: e.customer,
          seq: Number(inserted[i]!.id),
          purpose: e.purpose,
          state: e.state as 'given',
          collectionMethod: e.method,
          capturedAt: e.capturedAt,
          validUntil: e.validDays ? new Date(e.capturedAt.getTime() + e.validDays * DAY) : null,
          recipientIndustries: e.industries,
          recipientPartners: e.partners,
        }));
        const rules = new Map<string, RuleFacts | undefined>(
          s.purposes.map((p, i) => {
            const r = s.rules[i];
            return [p, r ? { purpose: p, ...r } : undefined];
          }),
        );
        const recipient = { industry: s.industry, partnerId: s.partnerId };
        const q = { purposes: s.purposes, recipient, at: s.at, require: s.require };

        const rows = await decisionsQuery(tdb.db, q, rules).execute();
        const got = new Map(rows.map((r) => [`${r.customer_id}|${r.purpose}`, r.reason]));
        expect(rows).toHaveLength(customers.length * s.purposes.length);
        const expectedEligible: string[] = [];
        for (const [ci, id] of customers.entries()) {
          const mine = facts.filter((f) => f.customer === ci);
          const allowed: boolean[] = [];
          for (const p of s.purposes) {
            const d = decide({ events: mine, purpose: p, recipient, at: s.at, rule: rules.get(p) });
            expect(got.get(`${id}|${p}`)).toBe(d.allowed ? null : d.reason);
            allowed.push(d.allowed);
          }
          if (s.require === 'all' ? allowed.every(Boolean) : allowed.some(Boolean)) expectedEligible.push(id);
        }
        const eligible = await eligibleCustomersQuery(tdb.db, q, rules).execute();
        expect(eligible.map((e) => e.customer_id).sort()).toEqual(expectedEligible.sort());
      }),
      { numRuns: 200, seed: 20261122 },
    );
  });
});
