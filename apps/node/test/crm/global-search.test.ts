// Issue 16 item 4: one search across customers, segments, lists, collaborations and campaigns, and each role finds
// only the kinds its CASL rules let it read.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, openTestDb } from './helpers.ts';
import { seedCollaboration, seedList } from './records-seed.ts';

let tdb: TestDatabase<Database>;
const NOW = new Date('2026-11-22T10:00:00Z');
const kinds = (r: { kind: string }[]) => [...new Set(r.map((x) => x.kind))];

beforeAll(async () => {
  tdb = await openTestDb('crm_global_search');
  await upsertCustomers(tdb.db, [
    { externalId: 'G1', firstName: 'Nora', lastName: 'Harbor', emails: ['nora@example.com'] },
    { externalId: 'G2', firstName: 'Otto', lastName: 'Lindqvist' },
  ]);
  await seedCollaboration(tdb.db, 'Harbor × Bank');
  const list = await seedList(tdb.db, 'Harbor cross-sell', []);
  await seedList(tdb.db, 'Harbor archived', []);
  await seedList(tdb.db, 'Harbor deleted', []);
  const m = callerAs(tdb.db, 'marketer', NOW);
  await m.lists.archive({ listId: (await m.lists.list()).find((l) => l.name === 'Harbor archived')!.id });
  await m.lists.delete({ listId: (await m.lists.list()).find((l) => l.name === 'Harbor deleted')!.id });
  await m.segments.create({ name: 'Harbor families', rule: { type: 'has_identifier', kind: 'email' } });
  await tdb.db
    .insertInto('campaign')
    .values({
      name: 'Harbor spring mailing',
      audience_kind: 'list',
      audience_list_id: list,
      purpose: 'marketing.cross_sell',
      channels: JSON.stringify(['email']),
      starts_on: '2026-12-01',
      owner_id: 'u',
      seed: 's',
    } as never)
    .execute();
});
afterAll(() => tdb.destroy());

describe('search.global', () => {
  it('a marketer finds every kind, prefix matches first, archived lists flagged and deleted ones gone', async () => {
    const r = await callerAs(tdb.db, 'marketer', NOW).search.global({ q: 'harbor' });
    expect(kinds(r)).toEqual(['customer', 'segment', 'list', 'collaboration', 'campaign']);
    expect(r.find((x) => x.kind === 'customer')).toMatchObject({ title: 'Nora Harbor' });
    const lists = r.filter((x) => x.kind === 'list');
    expect(lists.map((l) => l.title)).toEqual(['Harbor archived', 'Harbor cross-sell']);
    expect(lists[0]!.detail).toMatch(/^archived/);
  });

  it('each role searches only what it may read', async () => {
    const admin = await callerAs(tdb.db, 'admin', NOW).search.global({ q: 'harbor' });
    expect(kinds(admin)).toEqual(['customer']);
    const compliance = await callerAs(tdb.db, 'compliance', NOW).search.global({ q: 'harbor' });
    expect(kinds(compliance)).toEqual(['customer', 'segment', 'list', 'collaboration', 'campaign']);
    expect(await codeOf(callerAs(tdb.db, null, NOW).search.global({ q: 'harbor' }))).toBe('UNAUTHENTICATED');
  });

  it('finds customers by email and treats LIKE wildcards literally; empty text finds nothing', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    expect((await m.search.global({ q: 'nora@example.com' })).map((x) => x.title)).toEqual(['Nora Harbor']);
    expect(await m.search.global({ q: '%' })).toEqual([]);
    expect(await m.search.global({ q: '   ' })).toEqual([]);
  });
});
