// The list_blocks migration on lists stored as rows: members and edges (two counterparts, edge counts) come out
// as blocks equal to what was stored, the row tables end empty, and withdrawals then act on the converted lists.
import { randomBytes, randomUUID } from 'node:crypto';
import { migrateToLatest } from '@concord/db';
import { createTestDatabase, type TestDatabase } from '@concord/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syntheticListRow } from '../bench/bench-db.ts';
import type { Database } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { removeDerivedMembers } from '../src/lists/derived.ts';
import { listMemberHex } from '../src/lists/store.ts';

const { '2026_12_02_0100_list_blocks': _blocks, ...before } = migrations;
let db: TestDatabase<Database>;
const listId = randomUUID();
const [pub0, pub1] = [randomUUID(), randomUUID()];
const members = Array.from({ length: 1500 }, () => randomBytes(16));
const cp0 = members.map(() => randomBytes(16));
const cp1 = members.map(() => randomBytes(16));

beforeAll(async () => {
  db = await createTestDatabase<Database>('list_blocks_migration', before);
  await db.db
    .insertInto('lists')
    .values(syntheticListRow(listId, randomUUID(), [pub0, pub1], { size: members.length }))
    .execute();
  await db.db
    .insertInto('list_members')
    .values(members.map((m) => ({ list_id: listId, member_id: m })))
    .execute();
  // Every member matched through pub0; every third also through pub1.
  const edges = members.flatMap((m, i) => [
    {
      list_id: listId,
      member_id: m,
      counterpart_publication_id: pub0,
      counterpart_member_id: cp0[i] as Buffer,
    },
    ...(i % 3 === 0
      ? [
          {
            list_id: listId,
            member_id: m,
            counterpart_publication_id: pub1,
            counterpart_member_id: cp1[i] as Buffer,
          },
        ]
      : []),
  ]);
  await db.db.insertInto('list_links').values(edges).execute();
  await migrateToLatest(db.db, migrations);
}, 120_000);
afterAll(() => db?.destroy());

it('converts stored rows to blocks; withdrawals reach the converted list through either counterpart', async () => {
  const all = members.map((m) => m.toString('hex')).sort();
  expect(await listMemberHex(db.db, listId)).toEqual(all);
  const left = await sql<{ n: number }>`
    select (select count(*) from list_members)::int + (select count(*) from list_links)::int as n`.execute(
    db.db,
  );
  expect(left.rows[0]?.n).toBe(0);
  const withdraw = (publicationId: string, ids: Buffer[]) =>
    db.db.transaction().execute((trx) =>
      removeDerivedMembers(trx, new Date(), {
        publicationId,
        collaborationId: randomUUID(),
        memberIds: sql`(select substring(${Buffer.concat(ids)}::bytea from i * 16 + 1 for 16)
                        from generate_series(0, ${ids.length - 1}) i)`,
      }),
    );
  // Member 0 keeps its pub1 edge; member 1 had only pub0's.
  expect((await withdraw(pub0, [cp0[0], cp0[1]] as Buffer[])).removed).toBe(1);
  expect((await withdraw(pub1, [cp1[0]] as Buffer[])).removed).toBe(1);
  const current = await listMemberHex(db.db, listId);
  expect(current).toHaveLength(members.length - 2);
  expect(current).not.toContain(members[0]?.toString('hex'));
  expect(current).not.toContain(members[1]?.toString('hex'));
});
