// Loyalty: points per currency unit and category multiplier, FIFO expiry, scheduled tier moves, POS import,
// history on the timeline; every programme setting changes an outcome.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import { upsertPurchases } from '../../src/crm/history/upsert-purchases.ts';
import { importRows } from '../../src/crm/import/row-import.ts';
import { LOYALTY_EVENTS_CSV } from '../../src/crm/loyalty/import-format.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { loyaltyProgramme } from '../shared-fixtures.ts';
import { callerAs, csvStream, openTestDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
const T0 = new Date('2024-01-10T10:00:00Z');
const NOW = new Date('2026-11-22T10:00:00Z');
const PROGRAMME = loyaltyProgramme({ pointsPerUnit: 1, multipliers: { insurance: 2 }, goldThreshold: 500 });
const idOf = async (x: string) =>
  (await tdb.db.selectFrom('customer').select('id').where('external_id', '=', x).executeTakeFirstOrThrow())
    .id;

beforeAll(async () => {
  tdb = await openTestDb('crm_loyalty');
  await upsertCustomers(tdb.db, [{ externalId: 'L1' }, { externalId: 'L2' }, { externalId: 'L3' }]);
  await upsertPurchases(tdb.db, [
    // Before joining: earns nothing.
    {
      externalId: 'p0',
      customerExternalId: 'L1',
      product: 'tyres',
      category: 'car',
      price: 999,
      purchasedAt: new Date('2023-12-01T00:00:00Z'),
    },
    {
      externalId: 'p1',
      customerExternalId: 'L1',
      product: 'tyres',
      category: 'car',
      price: '120.99',
      purchasedAt: new Date('2024-02-01T00:00:00Z'),
    },
    {
      externalId: 'p2',
      customerExternalId: 'L1',
      product: 'policy',
      category: 'insurance',
      price: 300,
      purchasedAt: new Date('2026-06-01T00:00:00Z'),
    },
    {
      externalId: 'p3',
      customerExternalId: 'L2',
      product: 'policy',
      category: 'insurance',
      price: 30,
      purchasedAt: new Date('2026-06-01T00:00:00Z'),
    },
    // Not a member: earns nothing.
    {
      externalId: 'p4',
      customerExternalId: 'L3',
      product: 'policy',
      category: 'insurance',
      price: 5000,
      purchasedAt: new Date('2026-06-01T00:00:00Z'),
    },
  ]);
});
afterAll(() => tdb.destroy());

describe('loyalty programme', () => {
  it('imports point-of-sale events: joins, redemptions; bad rows with line and reason', async () => {
    await callerAs(tdb.db, 'admin', NOW).loyalty.setProgramme(PROGRAMME);
    const csv = [
      'external_id,customer_external_id,kind,points,occurred_at,member_number,tier,note',
      `J1,L1,join,,${T0.toISOString()},M-001,,`,
      `J2,L2,join,,${T0.toISOString()},M-002,,`,
      'E1,L3,redeem,10,2026-01-01,,,',
      'E2,L1,redeem,-100,2025-01-01,,,voucher',
      'E3,L1,earn,ten,2025-01-01,,,',
      'E4,L1,gift,1,2025-01-01,,,',
      'E5,L2,tier,,2025-01-01,,,',
    ].join('\n');
    const r = await importRows(
      { db: tdb.db, now: () => new Date() },
      { format: LOYALTY_EVENTS_CSV, source: csvStream(csv) },
    );
    expect(r.imported).toBe(3);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [4, 'customer_external_id'],
      [6, 'points'],
      [7, 'kind'],
      [8, 'tier'],
    ]);
    expect(r.errors[0]!.reason).toBe('not a loyalty member (import a join event first)');
  });

  it('earns per currency unit × category multiplier, expires the oldest unspent points, moves tiers', async () => {
    const admin = callerAs(tdb.db, 'admin', NOW);
    const result = await admin.loyalty.runSchedule({ asOf: NOW });
    // L1: floor(120.99) = 120 (car) + 300 × 2 = 600 (insurance); L2: 30 × 2 = 60. L3 is not a member.
    expect(result.earned).toEqual({ events: 3, points: 780 });
    // L1's 120 points from 2024-02 are past 24 months; 100 were redeemed (oldest first): 20 expire.
    expect(result.expired).toEqual({ members: 1, points: 20 });
    // Qualifying (last 12 months): L1 600 → gold; L2 60 → no tier.
    expect(result.tierChanges).toBe(1);
    const again = await admin.loyalty.runSchedule({ asOf: NOW });
    expect(again).toEqual({
      earned: { events: 0, points: 0 },
      expired: { members: 0, points: 0 },
      tierChanges: 0,
    });
    const l1 = await callerAs(tdb.db, 'marketer', NOW).loyalty.member({ customerId: await idOf('L1') });
    expect(l1).toMatchObject({ member: true, memberNumber: 'M-001', tier: 'gold', balance: 600 });
    const overview = await callerAs(tdb.db, 'marketer', NOW).loyalty.overview({ period: 'year' });
    expect(overview.liability).toBe(660);
    expect(overview.byTier).toEqual([
      { tier: '(none)', members: 1, points: 60 },
      { tier: 'gold', members: 1, points: 600 },
    ]);
    expect(overview.movements).toEqual([{ period: '2026-01-01', from: '(none)', to: 'gold', members: 1 }]);
    const timeline = await callerAs(tdb.db, 'marketer', NOW).customers.timeline({
      customerId: await idOf('L1'),
    });
    const kinds = timeline.flatMap((i) => (i.type === 'loyalty' ? [i.kind] : []));
    expect(kinds.sort()).toEqual(['earn', 'earn', 'expire', 'redeem', 'tier_change']);
  });

  it('a year later without purchases the member is downgraded; loyalty rules select members', async () => {
    const later = new Date('2027-07-01T00:00:00Z');
    const admin = callerAs(tdb.db, 'admin', later);
    expect((await admin.loyalty.runSchedule({ asOf: later })).tierChanges).toBe(1);
    expect((await admin.loyalty.member({ customerId: await idOf('L1') })).tier).toBeNull();
    const m = callerAs(tdb.db, 'marketer', later);
    expect((await m.segments.preview({ rule: { type: 'loyalty', points: { min: 100 } } })).count).toBe(1);
    expect((await m.segments.preview({ rule: { type: 'loyalty' } })).count).toBe(2);
    expect(await codeOf(m.loyalty.runSchedule({}))).toBe('FORBIDDEN');
  });

  it('changing only the points per unit or a multiplier changes what a purchase earns', async () => {
    const admin = callerAs(tdb.db, 'admin', NOW);
    await upsertPurchases(tdb.db, [
      {
        externalId: 'p5',
        customerExternalId: 'L2',
        product: 'policy',
        category: 'insurance',
        price: 100,
        purchasedAt: new Date('2026-11-01T00:00:00Z'),
      },
      {
        externalId: 'p6',
        customerExternalId: 'L2',
        product: 'tyres',
        category: 'car',
        price: 100,
        purchasedAt: new Date('2026-11-02T00:00:00Z'),
      },
    ]);
    await admin.loyalty.setProgramme({ ...PROGRAMME, pointsPerUnit: 0.5, multipliers: { insurance: 3 } });
    expect((await admin.loyalty.runSchedule({ asOf: NOW })).earned).toEqual({ events: 2, points: 150 + 50 });
  });
});
