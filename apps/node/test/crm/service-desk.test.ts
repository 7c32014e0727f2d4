// Issue 16 item 5: the service desk — products owned, the customer's open and past cases per product, how cases
// with the same product ended elsewhere (counts only); a case is created and closed from there (interactions.*).
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import { upsertInteractions } from '../../src/crm/history/upsert-interactions.ts';
import { upsertPurchases } from '../../src/crm/history/upsert-purchases.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, openTestDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
const NOW = new Date('2026-11-22T10:00:00Z');
const ids: Record<string, string> = {};
const at = (day: number) => new Date(Date.UTC(2026, 0, day));

beforeAll(async () => {
  tdb = await openTestDb('crm_service_desk');
  await upsertCustomers(tdb.db, [
    { externalId: 'D1', firstName: 'Clara', lastName: 'Wolf' },
    { externalId: 'D2', firstName: 'David', lastName: 'Brandt' },
    { externalId: 'D3', firstName: 'Eva', lastName: 'Roth' },
  ]);
  for (const c of await tdb.db.selectFrom('customer').select(['id', 'external_id']).execute())
    ids[c.external_id] = c.id;
  await upsertPurchases(tdb.db, [
    {
      externalId: 'P1',
      customerExternalId: 'D1',
      product: 'Washer W7',
      category: 'Laundry',
      price: 700,
      purchasedAt: at(3),
    },
    {
      externalId: 'P2',
      customerExternalId: 'D1',
      product: 'Dryer D2',
      category: 'Laundry',
      price: 500,
      purchasedAt: at(9),
    },
    {
      externalId: 'P3',
      customerExternalId: 'D2',
      product: 'Washer W7',
      category: 'Laundry',
      price: 700,
      purchasedAt: at(4),
    },
  ]);
  const kase = (externalId: string, customer: string, outcome: string | null, summary: string) => ({
    externalId,
    customerExternalId: customer,
    kind: 'service_case' as const,
    occurredAt: at(20),
    closedAt: outcome ? at(22) : null,
    product: 'Washer W7',
    outcome,
    summary,
  });
  await upsertInteractions(tdb.db, [
    kase('S1', 'D1', 'pump replaced', 'Water stays in the drum'),
    kase('S2', 'D2', 'pump replaced', 'David Brandt: drum does not drain'),
    kase('S3', 'D3', 'software update', 'Error E21'),
    kase('S4', 'D2', null, 'Noisy spin'),
  ]);
});
afterAll(() => tdb.destroy());

describe('customers.serviceDesk', () => {
  it("shows products owned with the customer's cases, and same-product outcomes elsewhere as counts only", async () => {
    const desk = await callerAs(tdb.db, 'marketer', NOW).customers.serviceDesk({ customerId: ids.D1! });
    expect(desk.products.map((p) => [p.product, p.quantity, p.openCases, p.pastCases])).toEqual([
      ['Dryer D2', 1, 0, 0],
      ['Washer W7', 1, 0, 1],
    ]);
    expect(desk.cases.map((c) => [c.product, c.outcome, c.summary])).toEqual([
      ['Washer W7', 'pump replaced', 'Water stays in the drum'],
    ]);
    const washer = desk.sameProduct.find((p) => p.product === 'Washer W7')!;
    expect(washer).toEqual({
      product: 'Washer W7',
      outcomes: [
        { outcome: 'pump replaced', cases: 1 },
        { outcome: 'software update', cases: 1 },
      ],
      openElsewhere: 1,
    });
    // Nothing about the other customers themselves reaches this customer's desk.
    expect(JSON.stringify(desk)).not.toMatch(/Brandt|Roth|Noisy|E21/);
  });

  it('a case created on the call appears open first; closing it with an outcome moves it to past', async () => {
    const agent = callerAs(tdb.db, 'marketer', NOW);
    const created = await agent.interactions.log({
      customerId: ids.D1!,
      kind: 'service_case',
      occurredAt: NOW,
      product: 'Dryer D2',
      summary: 'Does not heat',
    });
    let desk = await agent.customers.serviceDesk({ customerId: ids.D1! });
    expect(desk.cases[0]).toMatchObject({ id: created.id, closedAt: null });
    expect(desk.products[0]).toMatchObject({ product: 'Dryer D2', openCases: 1 });
    await agent.interactions.update({
      id: created.id,
      patch: { closedAt: new Date(NOW.getTime() + 3_600_000), outcome: 'heating element replaced' },
    });
    desk = await agent.customers.serviceDesk({ customerId: ids.D1! });
    expect(desk.products.find((p) => p.product === 'Dryer D2')).toMatchObject({ openCases: 0, pastCases: 1 });
  });

  it('an admin reads the desk but cannot open a case (FORBIDDEN); unknown customers are NOT_FOUND', async () => {
    const admin = callerAs(tdb.db, 'admin', NOW);
    expect((await admin.customers.serviceDesk({ customerId: ids.D2! })).cases).toHaveLength(2);
    const call = admin.interactions.log({ customerId: ids.D2!, kind: 'service_case', occurredAt: NOW });
    expect(await codeOf(call)).toBe('FORBIDDEN');
    const missing = '00000000-0000-4000-8000-0000000000ff';
    expect(await codeOf(admin.customers.serviceDesk({ customerId: missing }))).toBe('NOT_FOUND');
  });
});
