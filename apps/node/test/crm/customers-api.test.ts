// customers.*, interactions.* and followups.* procedures on a real database, per role.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import { upsertInteractions } from '../../src/crm/history/upsert-interactions.ts';
import { upsertPurchases } from '../../src/crm/history/upsert-purchases.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, openTestDb, USERS } from './helpers.ts';

let tdb: TestDatabase<Database>;
let ada: string;
let alan: string;
const NOW = new Date('2026-11-22T10:00:00Z');

beforeAll(async () => {
  tdb = await openTestDb('crm_customers_api');
  await upsertCustomers(tdb.db, [
    {
      externalId: 'C1',
      firstName: 'Ada',
      lastName: 'Lovelace',
      country: 'GB',
      city: 'London',
      birthDate: '1815-12-10',
      emails: ['Ada@Example.com', 'ada@work.test'],
      phones: ['+44 20 7946 0000'],
      attributes: { tier: 'gold' },
    },
    { externalId: 'C2', firstName: 'Alan', lastName: 'Turing', country: 'GB', emails: ['alan@example.org'] },
    { externalId: 'C3', firstName: 'Grace', lastName: 'Hopper', country: 'US' },
  ]);
  await upsertPurchases(tdb.db, [
    {
      externalId: 'P1',
      customerExternalId: 'C1',
      product: 'Engine',
      category: 'machine',
      price: '1000.50',
      purchasedAt: new Date('2026-10-01T00:00:00Z'),
    },
  ]);
  await upsertInteractions(tdb.db, [
    {
      externalId: 'I1',
      customerExternalId: 'C1',
      kind: 'contact',
      occurredAt: new Date('2026-10-05T00:00:00Z'),
      channel: 'phone',
      direction: 'outbound',
      summary: 'Called about the engine',
    },
  ]);
  const rows = await tdb.db.selectFrom('customer').select(['id', 'external_id']).execute();
  ada = rows.find((r) => r.external_id === 'C1')!.id;
  alan = rows.find((r) => r.external_id === 'C2')!.id;
});
afterAll(() => tdb.destroy());

describe('customers', () => {
  it('lists and searches customers by name prefix, email and external id', async () => {
    const m = callerAs(tdb.db, 'marketer');
    const all = await m.customers.list({});
    expect(all.items.map((c) => c.externalId).sort()).toEqual(['C1', 'C2', 'C3']);
    expect(all.nextCursor).toBeNull();
    expect((await m.customers.list({ search: 'lov' })).items.map((c) => c.externalId)).toEqual(['C1']);
    expect((await m.customers.list({ search: 'ADA@example.com' })).items.map((c) => c.externalId)).toEqual([
      'C1',
    ]);
    expect((await m.customers.list({ search: 'C2' })).items.map((c) => c.externalId)).toEqual(['C2']);
    expect((await m.customers.list({ country: 'us' })).items.map((c) => c.externalId)).toEqual(['C3']);
    const page1 = await m.customers.list({ limit: 2 });
    expect(page1.items).toHaveLength(2);
    const page2 = await m.customers.list({ limit: 2, cursor: page1.nextCursor! });
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect(page1.items.find((c) => c.externalId === 'C1')?.primaryEmail ?? page2.items[0]?.primaryEmail).toBe(
      'Ada@Example.com',
    );
  });

  it('gets one customer with identifiers and attributes', async () => {
    const c = await callerAs(tdb.db, 'compliance').customers.get({ id: ada });
    expect(c).toMatchObject({
      externalId: 'C1',
      firstName: 'Ada',
      birthDate: '1815-12-10',
      emails: ['Ada@Example.com', 'ada@work.test'],
      phones: ['+44 20 7946 0000'],
      attributes: { tier: 'gold' },
      deletedAt: null,
    });
    expect(
      await codeOf(
        callerAs(tdb.db, 'marketer').customers.get({ id: '00000000-0000-4000-8000-000000000999' }),
      ),
    ).toBe('NOT_FOUND');
    expect(await codeOf(callerAs(tdb.db, null).customers.get({ id: ada }))).toBe('UNAUTHENTICATED');
  });

  it('shows the timeline newest first', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    await m.followups.create({
      customerId: ada,
      dueDate: '2026-12-01',
      channel: 'email',
      note: 'Offer service',
    });
    const items = await m.customers.timeline({ customerId: ada });
    expect(items.map((i) => i.type)).toEqual(['follow_up', 'contact', 'purchase']);
    expect(items[1]).toMatchObject({ type: 'contact', channel: 'phone', direction: 'outbound' });
    expect(items[2]).toMatchObject({ type: 'purchase', product: 'Engine', price: 1000.5, quantity: 1 });
    expect(items[0]).toMatchObject({
      type: 'follow_up',
      channel: 'email',
      status: 'open',
      ownerId: USERS.marketer.id,
    });
    const older = await m.customers.timeline({ customerId: ada, before: items[1]!.at });
    expect(older.map((i) => i.type)).toEqual(['purchase']);
  });

  it('lets an admin create, edit, soft delete and restore; others are refused', async () => {
    const admin = callerAs(tdb.db, 'admin', NOW);
    const created = await admin.customers.create({
      externalId: 'C9',
      firstName: 'Barbara',
      country: 'us',
      emails: ['barbara@example.com'],
    });
    expect(created).toMatchObject({ externalId: 'C9', country: 'US', emails: ['barbara@example.com'] });
    expect(await codeOf(admin.customers.create({ externalId: 'C9' }))).toBe('CONFLICT');
    const updated = await admin.customers.update({
      id: created.id,
      patch: { lastName: 'Liskov', emails: [] },
    });
    expect(updated).toMatchObject({ firstName: 'Barbara', lastName: 'Liskov', emails: [] });
    const deleted = await admin.customers.delete({ id: created.id });
    expect(deleted.deletedAt).toEqual(NOW);
    expect((await admin.customers.list({})).items.map((c) => c.externalId)).not.toContain('C9');
    expect((await admin.customers.list({ includeDeleted: true })).items.map((c) => c.externalId)).toContain(
      'C9',
    );
    expect((await admin.customers.restore({ id: created.id })).deletedAt).toBeNull();
    const marketer = callerAs(tdb.db, 'marketer');
    expect(await codeOf(marketer.customers.create({ externalId: 'C10' }))).toBe('FORBIDDEN');
    expect(await codeOf(marketer.customers.update({ id: ada, patch: { city: 'Paris' } }))).toBe('FORBIDDEN');
    expect(await codeOf(marketer.customers.delete({ id: ada }))).toBe('FORBIDDEN');
    expect(await codeOf(callerAs(tdb.db, 'compliance').customers.restore({ id: ada }))).toBe('FORBIDDEN');
    expect(await codeOf(admin.customers.create({ externalId: 'C11', country: 'Germany' }))).toBe('BAD_INPUT');
  });
});

describe('interactions', () => {
  it('logs, closes, soft deletes and restores a service case', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    const opened = await m.interactions.log({
      customerId: alan,
      kind: 'service_case',
      occurredAt: new Date('2026-11-01T09:00:00Z'),
      product: 'Bombe',
      summary: 'Rotor stuck',
    });
    expect(opened).toMatchObject({ kind: 'service_case', closedAt: null, createdBy: USERS.marketer.id });
    const closed = await m.interactions.update({
      id: opened.id,
      patch: { closedAt: new Date('2026-11-03T09:00:00Z'), outcome: 'repaired' },
    });
    expect(closed).toMatchObject({
      closedAt: new Date('2026-11-03T09:00:00Z'),
      outcome: 'repaired',
      summary: 'Rotor stuck',
    });
    expect(
      await codeOf(
        m.interactions.update({ id: opened.id, patch: { closedAt: new Date('2026-10-01T00:00:00Z') } }),
      ),
    ).toBe('BAD_INPUT');
    expect((await m.interactions.delete({ id: opened.id })).deletedAt).toEqual(NOW);
    expect((await m.customers.timeline({ customerId: alan })).map((i) => i.type)).toEqual([]);
    expect(await codeOf(m.interactions.update({ id: opened.id, patch: { outcome: 'x' } }))).toBe('NOT_FOUND');
    expect((await m.interactions.restore({ id: opened.id })).deletedAt).toBeNull();
    expect((await m.customers.timeline({ customerId: alan })).map((i) => i.type)).toEqual(['service_case']);
  });

  it('refuses contacts with a closing time, unknown customers and roles without the right', async () => {
    const m = callerAs(tdb.db, 'marketer');
    expect(
      await codeOf(
        m.interactions.log({
          customerId: alan,
          kind: 'contact',
          occurredAt: new Date('2026-11-01T09:00:00Z'),
          closedAt: new Date('2026-11-02T09:00:00Z'),
        }),
      ),
    ).toBe('BAD_INPUT');
    expect(
      await codeOf(
        m.interactions.log({
          customerId: '00000000-0000-4000-8000-000000000999',
          kind: 'contact',
          occurredAt: new Date(),
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(
        callerAs(tdb.db, 'admin').interactions.log({
          customerId: alan,
          kind: 'contact',
          occurredAt: new Date(),
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await codeOf(callerAs(tdb.db, 'compliance').interactions.delete({ id: alan }))).toBe('FORBIDDEN');
  });
});

describe('followups', () => {
  it('lists per owner, shows the overdue view and updates status', async () => {
    const mia = callerAs(tdb.db, 'marketer', NOW);
    const max = callerAs(tdb.db, 'marketer2', NOW);
    const late = await mia.followups.create({ customerId: alan, dueDate: '2026-11-20', note: 'call back' });
    const lateMax = await max.followups.create({ customerId: ada, dueDate: '2026-11-01' });
    await mia.followups.create({ customerId: alan, dueDate: '2026-11-22', ownerId: USERS.marketer2.id });

    const mine = await mia.followups.list({});
    expect(mine.map((f) => [f.dueDate, f.overdue, f.customerName])).toEqual([
      ['2026-11-20', true, 'Alan Turing'],
      ['2026-12-01', false, 'Ada Lovelace'],
    ]);
    // Marketers see and change only their own follow-ups (CASL rule turned into SQL), whatever owner they ask for.
    expect(await mia.followups.list({ owner: USERS.marketer2.id })).toEqual([]);
    expect((await mia.followups.list({ owner: 'all' })).map((f) => f.dueDate)).toEqual([
      '2026-11-20',
      '2026-12-01',
    ]);
    const maxs = await max.followups.list({});
    expect(maxs.map((f) => f.dueDate)).toEqual(['2026-11-01', '2026-11-22']);
    expect(await codeOf(mia.followups.update({ id: lateMax.id, patch: { status: 'done' } }))).toBe(
      'NOT_FOUND',
    );
    expect((await callerAs(tdb.db, 'admin', NOW).followups.list({ owner: 'all' })).length).toBe(4);

    const overdue = await mia.followups.overdue({});
    expect(overdue.byOwner).toEqual([
      { ownerId: USERS.marketer.id, overdue: 1, oldestDueDate: '2026-11-20' },
    ]);
    expect(overdue.items.map((f) => f.id)).toEqual([late.id]);
    const adminOverdue = await callerAs(tdb.db, 'admin', NOW).followups.overdue({});
    expect(adminOverdue.byOwner).toEqual([
      { ownerId: USERS.marketer2.id, overdue: 1, oldestDueDate: '2026-11-01' },
      { ownerId: USERS.marketer.id, overdue: 1, oldestDueDate: '2026-11-20' },
    ]);
    expect((await mia.followups.overdue({ owner: 'me' })).items.map((f) => f.id)).toEqual([late.id]);

    const done = await mia.followups.update({ id: late.id, patch: { status: 'done' } });
    expect(done).toMatchObject({ status: 'done', overdue: false, completedAt: NOW });
    const moved = await max.followups.update({
      id: lateMax.id,
      patch: { dueDate: '2026-11-30', ownerId: USERS.marketer.id },
    });
    expect(moved).toMatchObject({ dueDate: '2026-11-30', ownerId: USERS.marketer.id, overdue: false });
    expect((await mia.followups.overdue({})).byOwner).toEqual([]);
    expect(await codeOf(mia.followups.update({ id: alan, patch: { status: 'done' } }))).toBe('NOT_FOUND');
    expect(await codeOf(mia.followups.create({ customerId: alan, dueDate: '2026-02-30' }))).toBe('BAD_INPUT');
  });

  it('lets admins read follow-ups but not create them; compliance sees none', async () => {
    expect((await callerAs(tdb.db, 'admin').followups.list({ owner: 'all' })).length).toBeGreaterThan(0);
    expect(
      await codeOf(callerAs(tdb.db, 'admin').followups.create({ customerId: alan, dueDate: '2026-12-01' })),
    ).toBe('FORBIDDEN');
    expect(await codeOf(callerAs(tdb.db, 'compliance').followups.list({}))).toBe('FORBIDDEN');
  });
});
