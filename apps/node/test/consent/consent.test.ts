import type { TestDatabase } from '@concord/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/log.ts';
import { exclusionCounts } from '../../src/consent/eligibility-sql.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { caller, DAY, makeCustomers, openDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
let ids: string[];
const T0 = new Date('2026-06-01T09:00:00Z');

beforeAll(async () => {
  tdb = await openDb('consent');
  ids = await makeCustomers(tdb.db, 8, 'k');
  const dpo = caller(tdb.db, 'compliance', { now: new Date('2026-01-01T00:00:00Z') });
  await dpo.rules.set({
    purpose: 'marketing',
    allowedIndustries: ['insurance', 'retail'],
    maxConsentAgeDays: 365,
    kMin: 50,
    listsAllowed: true,
    retentionDays: 90,
  });
  await dpo.rules.set({
    purpose: 'analytics.audience_overlap',
    allowedIndustries: ['*'],
    maxConsentAgeDays: null,
    kMin: 100,
    listsAllowed: false,
    retentionDays: 30,
  });
});
afterAll(() => tdb.destroy());

const given = (customerId: string, purpose: string, extra: Record<string, unknown> = {}) => ({
  customerId,
  purpose,
  state: 'given' as const,
  recipientIndustries: ['insurance'],
  collectionMethod: 'web_form' as const,
  source: 'web:signup',
  capturedAt: T0,
  ...extra,
});

async function outbox(customerId: string) {
  return tdb.db
    .selectFrom('withdrawal_outbox')
    .select(['purpose', 'reason'])
    .where('customer_id', '=', customerId)
    .orderBy('purpose')
    .execute();
}

describe('consent events and derived state', () => {
  it('records a consent with its notice and derives the state', async () => {
    const dpo = caller(tdb.db, 'compliance', { now: T0 });
    const notice = await dpo.notices.publish({
      key: 'partner-offers',
      title: 'Offers from our partners',
      language: 'en',
      body: 'We share a token of your email with Acme Insurance so that…',
      purposes: ['marketing.cross_sell'],
    });
    expect(notice.version).toBe(1);
    const v2 = await dpo.notices.publish({ ...notice, body: 'Revised text', purposes: ['marketing'] });
    expect(v2.version).toBe(2);
    expect((await dpo.notices.get({ id: notice.id })).body).toBe(
      'We share a token of your email with Acme Insurance so that…',
    );

    const r = await dpo.consent.record(
      given(ids[0]!, 'marketing.cross_sell.partner_offers', {
        noticeVersionId: notice.id,
        evidenceRef: 'form-77',
      }),
    );
    expect(r).toMatchObject({ withdrawalsQueued: 0 });
    const state = await dpo.consent.current({ customerId: ids[0]! });
    expect(state.find((s) => s.purpose === 'marketing.cross_sell.partner_offers')).toMatchObject({
      state: 'given',
      event: {
        noticeVersionId: notice.id,
        evidenceRef: 'form-77',
        recordedBy: '10000000-0000-4000-8000-00000000000c',
      },
    });
    // Giving a parent grants nothing to children, and vice versa: only the named purpose is given.
    expect(state.find((s) => s.purpose === 'marketing')!.state).toBe('none');

    // A notice that does not ask for the purpose cannot back it.
    expect(
      await codeOf(
        dpo.consent.record(given(ids[0]!, 'analytics.audience_overlap', { noticeVersionId: notice.id })),
      ),
    ).toBe('BAD_INPUT');
    // Unknown purposes and recipient-less consents are refused.
    expect(await codeOf(dpo.consent.record(given(ids[0]!, 'marketing.spam')))).toBe('BAD_INPUT');
    expect(await codeOf(dpo.consent.record(given(ids[0]!, 'marketing', { recipientIndustries: [] })))).toBe(
      'BAD_INPUT',
    );
    expect(await codeOf(dpo.consent.record(given('00000000-0000-4000-8000-000000000000', 'marketing')))).toBe(
      'NOT_FOUND',
    );
  });

  it('keeps events append-only (the database refuses updates)', async () => {
    await expect(sql`update consent_event set state = 'given'`.execute(tdb.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('checks single decisions with reason codes', async () => {
    const c = caller(tdb.db, 'marketer', { now: new Date(T0.getTime() + DAY) });
    const check = (purpose: string, industry: string, at?: Date) =>
      c.consent.check({ customerId: ids[0]!, purpose, recipient: { industry }, ...(at ? { at } : {}) });
    expect(await check('marketing.cross_sell.partner_offers', 'insurance')).toEqual({
      allowed: true,
      seq: expect.any(Number),
    });
    expect(await check('marketing.cross_sell.partner_offers', 'retail')).toEqual({
      allowed: false,
      reason: 'recipient_not_allowed',
    });
    expect(await check('marketing.cross_sell.partner_offers', 'bank')).toEqual({
      allowed: false,
      reason: 'industry_not_allowed',
    });
    expect(await check('marketing.referral', 'insurance')).toEqual({ allowed: false, reason: 'no_consent' });
    expect(
      await check('marketing.cross_sell.partner_offers', 'insurance', new Date(T0.getTime() + 400 * DAY)),
    ).toEqual({
      allowed: false,
      reason: 'too_old',
    });
    // Rules are versioned: the check uses the version in force at `at` (none before 2026).
    expect(
      await check('marketing.cross_sell.partner_offers', 'insurance', new Date('2025-12-31T00:00:00Z')),
    ).toEqual({
      allowed: false,
      reason: 'no_rule',
    });
  });

  it('a withdrawal of a parent purpose ends every sub-purpose and queues removal in the same transaction', async () => {
    const dpo = caller(tdb.db, 'compliance', { now: T0 });
    await dpo.consent.record(given(ids[1]!, 'marketing.cross_sell.partner_offers'));
    const later = new Date(T0.getTime() + 3_600_000);
    const mk = caller(tdb.db, 'marketer', { now: later });
    const res = await mk.consent.withdraw({ customerId: ids[1]!, purposes: ['marketing.cross_sell'] });
    expect(res.withdrawalsQueued).toBe(2);
    expect(await outbox(ids[1]!)).toEqual([
      { purpose: 'marketing.cross_sell', reason: 'withdrawn' },
      { purpose: 'marketing.cross_sell.partner_offers', reason: 'withdrawn' },
    ]);
    const decision = await mk.consent.check({
      customerId: ids[1]!,
      purpose: 'marketing.cross_sell.partner_offers',
      recipient: { industry: 'insurance' },
    });
    expect(decision).toEqual({ allowed: false, reason: 'withdrawn' });
    // Re-consenting later is a new event and wins.
    await caller(tdb.db, 'compliance', { now: later }).consent.record(
      given(ids[1]!, 'marketing.cross_sell.partner_offers', { capturedAt: new Date(later.getTime() + 1000) }),
    );
    expect(
      await caller(tdb.db, 'marketer', { now: new Date(later.getTime() + 2000) }).consent.check({
        customerId: ids[1]!,
        purpose: 'marketing.cross_sell.partner_offers',
        recipient: { industry: 'insurance' },
      }),
    ).toMatchObject({ allowed: true });
  });

  it('records a GPC signal as an opt-out of all sharing (one outbox entry for every purpose)', async () => {
    const dpo = caller(tdb.db, 'compliance', { now: T0 });
    await dpo.consent.record(given(ids[2]!, 'marketing.cross_sell.partner_offers'));
    await dpo.consent.record(given(ids[2]!, 'analytics.audience_overlap'));
    const later = new Date(T0.getTime() + 60_000);
    const res = await caller(tdb.db, 'marketer', { now: later }).consent.gpc({
      customerId: ids[2]!,
      source: 'web:checkout',
    });
    expect(res.eventIds).toHaveLength(2);
    expect(await outbox(ids[2]!)).toEqual([{ purpose: null, reason: 'withdrawn' }]);
    const check = await caller(tdb.db, 'marketer', { now: later }).consent.check({
      customerId: ids[2]!,
      purpose: 'analytics.audience_overlap',
      recipient: { industry: 'retail' },
    });
    expect(check).toEqual({ allowed: false, reason: 'gpc_opt_out' });
  });

  it('a renewed consent with fewer recipients queues a withdrawal; a plain renewal does not', async () => {
    const dpo = caller(tdb.db, 'compliance', { now: T0 });
    await dpo.consent.record(
      given(ids[3]!, 'marketing.referral', { recipientIndustries: ['insurance', 'retail'] }),
    );
    const same = await dpo.consent.record(
      given(ids[3]!, 'marketing.referral', {
        recipientIndustries: ['insurance', 'retail'],
        capturedAt: new Date(T0.getTime() + 1),
      }),
    );
    expect(same.withdrawalsQueued).toBe(0);
    const narrower = await dpo.consent.record(
      given(ids[3]!, 'marketing.referral', {
        recipientIndustries: ['retail'],
        capturedAt: new Date(T0.getTime() + 2),
      }),
    );
    expect(narrower.withdrawalsQueued).toBe(1);
    expect(await outbox(ids[3]!)).toEqual([{ purpose: 'marketing.referral', reason: 'withdrawn' }]);
  });

  it('sweeps lapsed consents into expired events and queues their removal', async () => {
    const dpo = caller(tdb.db, 'compliance', { now: T0 });
    await dpo.consent.record(
      given(ids[4]!, 'marketing.referral', { validUntil: new Date(T0.getTime() + 10 * DAY) }),
    );
    const after = new Date(T0.getTime() + 11 * DAY);
    expect(await caller(tdb.db, 'compliance', { now: after }).consent.sweepExpired()).toEqual({ expired: 1 });
    // The purpose and its sub-purpose in the taxonomy.
    expect(await outbox(ids[4]!)).toEqual([
      { purpose: 'marketing.referral', reason: 'expired' },
      { purpose: 'marketing.referral.partner_products', reason: 'expired' },
    ]);
    const hist = await dpo.consent.history({ customerId: ids[4]! });
    expect(hist.map((h) => h.state)).toEqual(['expired', 'given']);
    expect(await caller(tdb.db, 'compliance', { now: after }).consent.sweepExpired()).toEqual({ expired: 0 });
  });

  it('counts exclusions by reason for a publication', async () => {
    const counts = await exclusionCounts(tdb.db, {
      purposes: ['marketing.cross_sell.partner_offers'],
      recipient: { industry: 'insurance' },
      at: new Date(T0.getTime() + 2 * DAY),
    });
    // k-0 and k-1 consented (k-1 re-consented), k-2 opted out by GPC, the rest never consented to it.
    expect(counts).toEqual({ eligible: 2, excluded: { gpc_opt_out: 1, no_consent: 5 } });
  });
});

describe('erasure and the data trail', () => {
  it('erases the customer, keeps a tombstone, queues removal, and still answers where the data went', async () => {
    const dpo = caller(tdb.db, 'compliance', { now: T0 });
    await tdb.db
      .insertInto('customer_identifier')
      .values({
        customer_id: ids[5]!,
        id_type: 'email',
        position: 0,
        raw: 'X@y.test',
        normalized: 'x@y.test',
        status: 'valid',
        search: 'x@y.test',
      })
      .execute();
    await dpo.consent.record(given(ids[5]!, 'marketing.referral'));
    const erasedAt = new Date(T0.getTime() + DAY);
    const res = await caller(tdb.db, 'compliance', { now: erasedAt }).privacy.erase({
      customerId: ids[5]!,
      requestRef: 'DSR-1',
    });
    expect(res.removed).toEqual({
      emails: 1,
      phones: 0,
      loyalty_cards: 0,
      purchases: 0,
      interactions: 0,
      consentEvents: 1,
    });
    expect(await tdb.db.selectFrom('customer').select('id').where('id', '=', ids[5]!).execute()).toEqual([]);
    expect(
      await tdb.db
        .selectFrom('customer_identifier')
        .select('raw')
        .where('customer_id', '=', ids[5]!)
        .execute(),
    ).toEqual([]);
    expect(await outbox(ids[5]!)).toEqual([{ purpose: null, reason: 'erased' }]);
    const report = await dpo.privacy.report({ customerId: ids[5]! });
    expect(report).toMatchObject({
      customerId: ids[5],
      exists: false,
      erasure: { erasedAt, requestRef: 'DSR-1' },
      consentHistory: [],
      trail: { publications: [], lists: [], pendingWithdrawals: 1 },
    });
    expect(await codeOf(dpo.privacy.erase({ customerId: ids[5]! }))).toBe('CONFLICT');
    expect(await codeOf(dpo.privacy.erase({ customerId: '00000000-0000-4000-8000-000000000000' }))).toBe(
      'NOT_FOUND',
    );
  });

  it('audited every change above in one intact chain', async () => {
    const result = await verifyAuditChain(tdb.db);
    expect(result.ok).toBe(true);
    const actions = await tdb.db.selectFrom('audit_event').select('action').orderBy('seq').execute();
    const set = new Set(actions.map((a) => a.action));
    for (const a of [
      'rule.changed',
      'notice.published',
      'consent.recorded',
      'consent.batch_recorded',
      'customer.erased',
    ]) {
      expect(set.has(a)).toBe(true);
    }
  });
});
