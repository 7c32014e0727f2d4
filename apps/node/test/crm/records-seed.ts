// Seeds for the issue-16 tests: stored audience lists, a collaboration and a campaign written straight to the tables
// (the federation round trip that normally creates them is tested elsewhere).
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';

export const COLLAB_ID = '00000000-0000-4000-8000-00000000c011';

export async function seedCollaboration(db: Kysely<Database>, name: string): Promise<void> {
  await db
    .insertInto('collaboration')
    .values({
      id: COLLAB_ID,
      name,
      purposes: JSON.stringify(['marketing.cross_sell']),
      policy: JSON.stringify({ kMin: 10 }),
      token_mode: 'hmac',
      status: 'active',
      members: JSON.stringify([]),
      proposer_id: 'p1',
      sealed_secret: null,
      expires_at: null,
    } as never)
    .execute();
}

/** A ready list holding `members` (customer ids). */
export async function seedList(
  db: Kysely<Database>,
  name: string,
  members: readonly string[],
): Promise<string> {
  const row = await db
    .insertInto('audience_list')
    .values({
      cleanroom_list_id: crypto.randomUUID(),
      collaboration_id: COLLAB_ID,
      match_id: crypto.randomUUID(),
      kind: 'cross_sell',
      purpose: 'marketing.cross_sell',
      name,
      partner_segments: JSON.stringify([]),
      received_count: members.length,
      resolved_count: members.length,
      dropped: JSON.stringify({}),
      fetched_by: null,
      expires_at: null,
      status: 'ready',
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  if (members.length > 0)
    await db
      .insertInto('audience_list_member')
      .values(
        members.map((customer_id) => ({
          list_id: row.id,
          customer_id,
          removed_at: null,
          removed_reason: null,
        })),
      )
      .execute();
  return row.id;
}
