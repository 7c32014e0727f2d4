// Issue 16 item 3: lists can be renamed, archived and deleted (audited); names are unique among kept lists;
// counts are current wherever a list is shown.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeListName } from '../../src/collab/list-names.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { makeCustomers } from '../consent/helpers.ts';
import { callerAs, openTestDb } from './helpers.ts';
import { seedCollaboration, seedList } from './records-seed.ts';

let tdb: TestDatabase<Database>;
let people: string[];
const NOW = new Date('2026-11-22T10:00:00Z');

beforeAll(async () => {
  tdb = await openTestDb('crm_lists_admin');
  people = await makeCustomers(tdb.db, 4, 'L');
  await seedCollaboration(tdb.db, 'Harbor × Bank');
});
afterAll(() => tdb.destroy());

describe('list names', () => {
  it('rename to a taken name (any case) is refused with CONFLICT; a received list gets a free name', async () => {
    const a = await seedList(tdb.db, 'Spring offer', []);
    const b = await seedList(tdb.db, 'Autumn offer', []);
    const m = callerAs(tdb.db, 'marketer', NOW);
    expect(await codeOf(m.lists.rename({ listId: b, name: 'SPRING OFFER' }))).toBe('CONFLICT');
    expect((await m.lists.rename({ listId: b, name: 'Autumn offer 2026' })).name).toBe('Autumn offer 2026');
    expect(await freeListName(tdb.db, 'spring offer')).toBe('spring offer (2)');
    // The database refuses duplicates too (partial unique index over kept lists).
    await expect(seedList(tdb.db, 'Spring Offer', [])).rejects.toThrow();
    await m.lists.delete({ listId: a });
    expect(await freeListName(tdb.db, 'Spring offer')).toBe('Spring offer');
  });

  it('refuses an empty name with a human message', async () => {
    const id = await seedList(tdb.db, 'Named', []);
    const r = await callerAs(tdb.db, 'marketer', NOW)
      .lists.rename({ listId: id, name: '  ' })
      .catch((e: { cause?: { issues?: { message: string }[] } }) => e.cause?.issues?.map((i) => i.message));
    expect(r).toEqual(['Name the list']);
  });
});

describe('archive and delete', () => {
  it('archived lists leave the default view but stay readable; unarchive brings them back', async () => {
    const id = await seedList(tdb.db, 'Winter', people.slice(0, 2));
    const m = callerAs(tdb.db, 'marketer', NOW);
    expect((await m.lists.archive({ listId: id })).archivedAt).toBe(NOW.toISOString());
    expect((await m.lists.list()).map((l) => l.id)).not.toContain(id);
    expect((await m.lists.list({ archived: 'only' })).map((l) => l.id)).toEqual([id]);
    expect(await m.lists.members({ listId: id })).toHaveLength(2);
    await m.lists.unarchive({ listId: id });
    expect((await m.lists.list()).map((l) => l.id)).toContain(id);
  });

  it('delete removes the members, hides the list and is audited; a list a campaign uses is kept', async () => {
    const id = await seedList(tdb.db, 'Gone', people);
    const m = callerAs(tdb.db, 'marketer', NOW);
    expect(await m.lists.delete({ listId: id })).toEqual({ id, removed: 4 });
    expect((await m.lists.list({ archived: 'include' })).map((l) => l.id)).not.toContain(id);
    expect(await codeOf(m.lists.members({ listId: id }))).toBe('NOT_FOUND');
    expect(await codeOf(m.lists.rename({ listId: id, name: 'again' }))).toBe('NOT_FOUND');
    const actions = await tdb.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['list.deleted']);

    const used = await seedList(tdb.db, 'In use', people.slice(0, 1));
    await tdb.db
      .insertInto('campaign')
      .values({
        name: 'Spring mailing',
        audience_kind: 'list',
        audience_list_id: used,
        purpose: 'marketing.cross_sell',
        channels: JSON.stringify(['email']),
        starts_on: '2026-12-01',
        owner_id: 'u',
        seed: 's',
      } as never)
      .execute();
    expect(await codeOf(m.lists.delete({ listId: used }))).toBe('CONFLICT');
    expect(await m.lists.members({ listId: used })).toHaveLength(1);
  });

  it('compliance may read lists but not rename, archive or delete them (FORBIDDEN)', async () => {
    const id = await seedList(tdb.db, 'Oversight', []);
    const c = callerAs(tdb.db, 'compliance', NOW);
    expect(await codeOf(c.lists.rename({ listId: id, name: 'x' }))).toBe('FORBIDDEN');
    expect(await codeOf(c.lists.archive({ listId: id }))).toBe('FORBIDDEN');
    expect(await codeOf(c.lists.delete({ listId: id }))).toBe('FORBIDDEN');
  });
});

describe('current counts', () => {
  it('a member removed after delivery is gone from the count on the next read', async () => {
    const id = await seedList(tdb.db, 'Counted', people.slice(0, 3));
    const m = callerAs(tdb.db, 'marketer', NOW);
    const before = (await m.lists.list()).find((l) => l.id === id)!;
    expect(before.current).toBe(3);
    await tdb.db
      .updateTable('audience_list_member')
      .set({ removed_at: NOW, removed_reason: 'withdrawn' })
      .where('list_id', '=', id)
      .where('customer_id', '=', people[0]!)
      .execute();
    expect((await m.lists.list()).find((l) => l.id === id)!.current).toBe(2);
    expect((await m.lists.rename({ listId: id, name: 'Counted again' })).current).toBe(2);
  });
});
