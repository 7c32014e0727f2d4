// customers.table (issue 16): whitelisted sort, filters, numbered pages and totals, compared with the same rows
// sorted and filtered independently in the test; and views.* (saved views): owner-scoped, CASL-checked.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, openTestDb } from './helpers.ts';

let tdb: TestDatabase<Database>;

const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Eva', 'Frida', 'Gero'];
const LAST = ['Schmidt', 'Keller', 'Wolf', 'Brandt', 'Roth', 'Vogel', 'Sommer', 'Fischer', 'Adler'];
const CITIES = ['Berlin', 'Hamburg', 'Köln', null];
const COUNTRIES = ['DE', 'AT', 'CH'];

interface Seed {
  externalId: string;
  firstName: string;
  lastName: string;
  city: string | null;
  country: string;
  emails: string[];
}

const SEED: Seed[] = Array.from({ length: 63 }, (_, i) => ({
  externalId: `T-${String(1000 + ((i * 37) % 63)).padStart(4, '0')}`,
  firstName: FIRST[i % FIRST.length]!,
  lastName: LAST[(i * 5) % LAST.length]!,
  city: CITIES[i % CITIES.length]!,
  country: COUNTRIES[i % COUNTRIES.length]!,
  emails: i % 4 === 0 ? [] : [`t${i}@example.com`],
}));

beforeAll(async () => {
  tdb = await openTestDb('crm_customer_table');
  await upsertCustomers(
    tdb.db,
    SEED.map((s) => ({ ...s, phones: [] })),
  );
});
afterAll(() => tdb.destroy());

const marketer = () => callerAs(tdb.db, 'marketer');

describe('customers.table', () => {
  it('pages through every customer exactly once with the total, in external id order', async () => {
    const expected = SEED.map((s) => s.externalId).sort();
    const seen: string[] = [];
    for (let page = 1; page <= 7; page++) {
      const r = await marketer().customers.table({ page, pageSize: 10, sort: 'externalId' });
      expect(r.total).toBe(63);
      expect(r.page).toBe(page);
      seen.push(...r.items.map((c) => c.externalId));
    }
    expect(seen).toEqual(expected);
  });

  it('a page past the end answers the last page', async () => {
    const r = await marketer().customers.table({ page: 99, pageSize: 25, sort: 'externalId' });
    expect(r.page).toBe(3);
    expect(r.items).toHaveLength(13);
  });

  it('sorts by city descending with empty cities last, ties by id', async () => {
    const r = await marketer().customers.table({ pageSize: 100, sort: 'city', dir: 'desc' });
    const cities = r.items.map((c) => c.city);
    const named = SEED.filter((s) => s.city !== null).map((s) => s.city!);
    const want = [...named.sort().reverse(), ...SEED.filter((s) => s.city === null).map(() => null)];
    expect(cities).toEqual(want);
  });

  it('sorts by name (first name, then last name, folded)', async () => {
    const r = await marketer().customers.table({ pageSize: 100, sort: 'name' });
    const names = r.items.map((c) => `${c.firstName} ${c.lastName}`.toLowerCase());
    // search_name is "first last" folded: the order is by first name, then last name.
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(63);
  });

  it('filters by country, city and email, and counts the filtered total', async () => {
    const want = SEED.filter((s) => s.country === 'AT' && s.city === 'Hamburg' && s.emails.length > 0);
    const r = await marketer().customers.table({
      pageSize: 100,
      sort: 'externalId',
      filters: { country: 'at', city: 'hamburg', hasEmail: true },
    });
    expect(r.total).toBe(want.length);
    expect(r.items.map((c) => c.externalId)).toEqual(want.map((s) => s.externalId).sort());
    const none = await marketer().customers.table({ filters: { hasEmail: false }, pageSize: 100 });
    expect(none.total).toBe(SEED.filter((s) => s.emails.length === 0).length);
  });

  it('a search keeps filters and totals; relevance puts the exact customer number first', async () => {
    const target = SEED[5]!;
    const r = await marketer().customers.table({ search: target.externalId, sort: 'relevance' });
    expect(r.items[0]?.externalId).toBe(target.externalId);
    const byName = await marketer().customers.table({
      search: 'keller',
      sort: 'externalId',
      pageSize: 100,
      filters: { country: 'CH' },
    });
    const want = SEED.filter((s) => s.lastName === 'Keller' && s.country === 'CH').map((s) => s.externalId);
    expect(byName.total).toBe(want.length);
    expect(byName.items.map((c) => c.externalId)).toEqual(want.sort());
  });

  it('refuses a column outside the whitelist, an odd page size and unknown filters with BAD_INPUT', async () => {
    const bad = [
      { sort: 'first_name; drop table customer' },
      { pageSize: 7 },
      { filters: { owner: 'x' } },
      { filters: { country: 'Germany' } },
    ];
    for (const input of bad) {
      expect(await codeOf(marketer().customers.table(input as never))).toBe('BAD_INPUT');
    }
  });

  it('deleted customers only with status deleted/all', async () => {
    const one = (await marketer().customers.table({ pageSize: 10 })).items[0]!;
    await callerAs(tdb.db, 'admin').customers.delete({ id: one.id });
    expect((await marketer().customers.table({})).total).toBe(62);
    const deleted = await marketer().customers.table({ filters: { status: 'deleted' } });
    expect(deleted.items.map((c) => c.id)).toEqual([one.id]);
    expect((await marketer().customers.table({ filters: { status: 'all' } })).total).toBe(63);
    await callerAs(tdb.db, 'admin').customers.restore({ id: one.id });
  });
});

describe('views.* (saved views)', () => {
  const state = { sort: 'city', dir: 'desc', 'f.country': 'DE', q: 'anna', page: '4' };

  it('saves, lists and updates by name; the page is not part of a view', async () => {
    const saved = await marketer().views.save({ table: 'customers', name: 'German, by city', state });
    expect(saved.state).toEqual({ sort: 'city', dir: 'desc', 'f.country': 'DE', q: 'anna' });
    await marketer().views.save({ table: 'customers', name: 'German, by city', state: { sort: 'name' } });
    const mine = await marketer().views.list({ table: 'customers' });
    expect(mine.map((v) => [v.id, v.state])).toEqual([[saved.id, { sort: 'name' }]]);
  });

  it("a user never reads or deletes another user's views", async () => {
    const a = await marketer().views.save({ table: 'customers', name: 'Private A', state: { q: 'x' } });
    const other = callerAs(tdb.db, 'marketer2');
    expect((await other.views.list({ table: 'customers' })).map((v) => v.name)).not.toContain('Private A');
    expect(await codeOf(other.views.delete({ id: a.id }))).toBe('NOT_FOUND');
    // Same name for another user is that user's own view, not an overwrite of A's.
    await other.views.save({ table: 'customers', name: 'Private A', state: { q: 'y' } });
    const mine = await marketer().views.list({ table: 'customers' });
    expect(mine.find((v) => v.name === 'Private A')?.state).toEqual({ q: 'x' });
    expect(await codeOf(callerAs(tdb.db, 'admin').views.delete({ id: a.id }))).toBe('NOT_FOUND');
    expect(await codeOf(marketer().views.delete({ id: a.id }))).toBe('OK');
  });

  it('is FORBIDDEN on a table the role may not read; UNAUTHENTICATED signed out', async () => {
    // Admins do not read campaigns, compliance does not read imports (packages/access).
    const admin = callerAs(tdb.db, 'admin');
    expect(await codeOf(admin.views.save({ table: 'campaigns', name: 'x', state: {} }))).toBe('FORBIDDEN');
    expect(await codeOf(admin.views.list({ table: 'campaigns' }))).toBe('FORBIDDEN');
    const dpo = callerAs(tdb.db, 'compliance');
    expect(await codeOf(dpo.views.list({ table: 'imports' }))).toBe('FORBIDDEN');
    expect(await codeOf(dpo.views.list({ table: 'audit' }))).toBe('OK');
    expect(await codeOf(callerAs(tdb.db, null).views.list({ table: 'customers' }))).toBe('UNAUTHENTICATED');
  });

  it('refuses bad names and parameters with BAD_INPUT', async () => {
    for (const input of [
      { table: 'customers', name: ' ', state: {} },
      { table: 'customers', name: 'x'.repeat(81), state: {} },
      { table: 'customers', name: 'ok', state: { 'bad name!': 'x' } },
      { table: 'nope', name: 'ok', state: {} },
    ]) {
      expect(await codeOf(marketer().views.save(input as never))).toBe('BAD_INPUT');
    }
  });
});
