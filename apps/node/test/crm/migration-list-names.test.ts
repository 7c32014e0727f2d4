// Migration 0401 makes list names unique among kept lists: lists that already shared a name (any case) are renamed
// " (2)", " (3)", … oldest first, before the unique index is created.
import { createTestDatabase, type TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { up } from '../../src/db/migrations/2026_12_01_0401_customer_records.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { seedCollaboration, seedList } from './records-seed.ts';

let tdb: TestDatabase<Database>;
const BEFORE = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '2026_12_01_0401'));

beforeAll(async () => {
  tdb = await createTestDatabase<Database>('crm_migration_list_names', BEFORE);
});
afterAll(() => tdb.destroy());

describe('migration 2026_12_01_0401', () => {
  it('renames lists sharing a name, oldest first, then refuses new duplicates', async () => {
    await seedCollaboration(tdb.db, 'Harbor × Bank');
    const ids: string[] = [];
    for (const [i, name] of ['Spring', 'spring', 'SPRING', 'Autumn'].entries()) {
      const id = await seedList(tdb.db, name, []);
      await tdb.db
        .updateTable('audience_list')
        .set({ fetched_at: new Date(Date.UTC(2026, 0, 1 + i)) })
        .where('id', '=', id)
        .execute();
      ids.push(id);
    }
    await up(tdb.db);
    const names = await tdb.db.selectFrom('audience_list').select(['id', 'name']).execute();
    const byId = new Map(names.map((n) => [n.id, n.name]));
    expect(ids.map((id) => byId.get(id))).toEqual(['Spring', 'spring (2)', 'SPRING (3)', 'Autumn']);
    await expect(seedList(tdb.db, 'autumn', [])).rejects.toThrow();
  });
});
