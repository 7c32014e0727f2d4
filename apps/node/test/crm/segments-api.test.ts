// segments.* procedures: preview, save, update, materialize with timestamp, members, soft delete; roles.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import { upsertInteractions } from '../../src/crm/history/upsert-interactions.ts';
import { upsertPurchases } from '../../src/crm/history/upsert-purchases.ts';
import type { SegmentRule } from '../../src/crm/segments/rule.ts';
import { segmentCustomerIdsQuery } from '../../src/crm/segments/segments.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, openTestDb, USERS } from './helpers.ts';

let tdb: TestDatabase<Database>;
const NOW = new Date('2026-11-22T10:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

beforeAll(async () => {
  tdb = await openTestDb('crm_segments_api');
  await upsertCustomers(tdb.db, [
    { externalId: 'A', country: 'DE', attributes: { tier: 'gold' } },
    { externalId: 'B', country: 'DE' },
    { externalId: 'C', country: 'FR' },
    { externalId: 'D', country: 'DE' },
  ]);
  await upsertPurchases(tdb.db, [
    {
      externalId: 'p1',
      customerExternalId: 'A',
      product: 'Sedan',
      category: 'car',
      price: 30000,
      purchasedAt: daysAgo(10),
    },
    {
      externalId: 'p2',
      customerExternalId: 'B',
      product: 'Sedan',
      category: 'car',
      price: 30000,
      purchasedAt: daysAgo(200),
    },
    {
      externalId: 'p3',
      customerExternalId: 'C',
      product: 'Mortgage',
      category: 'mortgage',
      price: 1,
      purchasedAt: daysAgo(5),
    },
    {
      externalId: 'p4',
      customerExternalId: 'D',
      product: 'Mortgage',
      category: 'mortgage',
      price: 1,
      purchasedAt: daysAgo(5),
    },
    {
      externalId: 'p5',
      customerExternalId: 'D',
      product: 'Home',
      category: 'home_insurance',
      price: 1,
      purchasedAt: daysAgo(5),
    },
  ]);
  await upsertInteractions(tdb.db, [
    { externalId: 'i1', customerExternalId: 'B', kind: 'service_case', occurredAt: daysAgo(3) },
  ]);
});
afterAll(() => tdb.destroy());

const CAR_90: SegmentRule = { type: 'purchases', category: ['car'], withinDays: 90 };
const MORTGAGE_NO_HOME: SegmentRule = {
  type: 'and',
  rules: [
    { type: 'purchases', category: ['mortgage'] },
    { type: 'not', rule: { type: 'purchases', category: ['home_insurance'] } },
  ],
};

describe('segments', () => {
  it('previews live counts for the issue examples', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    expect(await m.segments.preview({ rule: CAR_90 })).toEqual({ count: 1, asOf: NOW, sample: null });
    expect((await m.segments.preview({ rule: MORTGAGE_NO_HOME })).count).toBe(1);
    expect((await m.segments.preview({ rule: { type: 'service_case', state: 'open' } })).count).toBe(1);
    expect(
      (await m.segments.preview({ rule: { type: 'field', field: 'country', op: 'eq', value: 'DE' } })).count,
    ).toBe(3);
  });

  it('rejects malformed rules with BAD_INPUT', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    expect(
      await codeOf(m.segments.preview({ rule: { type: 'field', field: 'country', op: 'eq' } as never })),
    ).toBe('BAD_INPUT');
    expect(await codeOf(m.segments.preview({ rule: { type: 'nope' } as never }))).toBe('BAD_INPUT');
    expect(
      await codeOf(m.segments.preview({ rule: { type: 'purchases', count: { min: 3, max: 1 } } as never })),
    ).toBe('BAD_INPUT');
    const deep: SegmentRule = {
      type: 'and',
      rules: Array.from({ length: 50 }, () => ({
        type: 'or' as const,
        rules: [CAR_90, CAR_90, CAR_90, CAR_90],
      })),
    };
    expect(await codeOf(m.segments.preview({ rule: deep }))).toBe('BAD_INPUT');
  });

  it('saves, materializes with a timestamp, pages members, updates and soft deletes', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    const s = await m.segments.create({
      name: 'Recent car buyers',
      description: 'car in 90 days',
      rule: CAR_90,
    });
    expect(s).toMatchObject({
      name: 'Recent car buyers',
      rule: CAR_90,
      createdBy: USERS.marketer.id,
      materializedAt: null,
    });
    expect((await m.segments.list()).map((x) => x.id)).toEqual([s.id]);

    const mat = await m.segments.materialize({ id: s.id });
    expect(mat).toMatchObject({ materializedAt: NOW, memberCount: 1 });
    const members = await m.segments.members({ id: s.id });
    expect(members.materializedAt).toEqual(NOW);
    expect(members.items.map((x) => x.externalId)).toEqual(['A']);

    const live = await (await segmentCustomerIdsQuery(tdb.db, s.id, NOW)).execute();
    expect(live).toEqual([{ customer_id: members.items[0]!.customerId }]);

    const updated = await m.segments.update({
      id: s.id,
      patch: { rule: { type: 'purchases', category: ['car'] } },
    });
    expect(updated).toMatchObject({ materializedAt: null, memberCount: null });
    expect((await m.segments.members({ id: s.id })).items).toEqual([]);
    const later = callerAs(tdb.db, 'marketer', new Date(NOW.getTime() + 60_000));
    const again = await later.segments.materialize({ id: s.id });
    expect(again.memberCount).toBe(2);
    expect(again.materializedAt).toEqual(new Date(NOW.getTime() + 60_000));

    await m.segments.delete({ id: s.id });
    expect(await m.segments.list()).toEqual([]);
    expect(await codeOf(m.segments.get({ id: s.id }))).toBe('NOT_FOUND');
    expect(await codeOf(segmentCustomerIdsQuery(tdb.db, s.id, NOW))).toBe('NOT_FOUND');
    expect((await m.segments.restore({ id: s.id })).name).toBe('Recent car buyers');
    expect((await m.segments.get({ id: s.id })).memberCount).toBe(2);
  });

  it('drops soft-deleted customers from counts and members', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    const s = await m.segments.create({
      name: 'Germans',
      rule: { type: 'field', field: 'country', op: 'eq', value: 'DE' },
    });
    await m.segments.materialize({ id: s.id });
    const a = await tdb.db
      .selectFrom('customer')
      .select('id')
      .where('external_id', '=', 'A')
      .executeTakeFirstOrThrow();
    await callerAs(tdb.db, 'admin', NOW).customers.delete({ id: a.id });
    expect((await m.segments.members({ id: s.id })).items.map((x) => x.externalId).sort()).toEqual([
      'B',
      'D',
    ]);
    expect(
      (await m.segments.preview({ rule: { type: 'field', field: 'country', op: 'eq', value: 'DE' } })).count,
    ).toBe(2);
    await callerAs(tdb.db, 'admin', NOW).customers.restore({ id: a.id });
  });

  it('enforces roles: compliance reads, admin has no access, writes need marketer', async () => {
    const compliance = callerAs(tdb.db, 'compliance', NOW);
    expect((await compliance.segments.preview({ rule: CAR_90 })).count).toBe(1);
    expect(await codeOf(compliance.segments.create({ name: 'x', rule: CAR_90 }))).toBe('FORBIDDEN');
    const admin = callerAs(tdb.db, 'admin', NOW);
    expect(await codeOf(admin.segments.list())).toBe('FORBIDDEN');
    const [first] = await compliance.segments.list();
    expect(await codeOf(compliance.segments.materialize({ id: first!.id }))).toBe('FORBIDDEN');
    expect(await codeOf(compliance.segments.delete({ id: first!.id }))).toBe('FORBIDDEN');
    expect(await codeOf(callerAs(tdb.db, null).segments.list())).toBe('UNAUTHENTICATED');
  });
});
