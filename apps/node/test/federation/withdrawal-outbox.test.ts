import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataTrail } from '../../src/collab/trail.ts';
import { enqueueWithdrawal, enqueueWithdrawals } from '../../src/collab/withdrawal.ts';
import type { Database } from '../../src/db/database.ts';
import { migrations } from '../../src/db/migrations/index.ts';

let tdb: TestDatabase<Database>;
beforeAll(async () => {
  tdb = await createTestDatabase<Database>('collab_outbox', migrations);
});
afterAll(() => tdb.destroy());

describe('enqueueWithdrawal', () => {
  it('writes the outbox row in the caller transaction and drops the person from lists of that purpose', async () => {
    const customerId = randomUUID();
    const db = tdb.db;
    await db
      .insertInto('collaboration')
      .values({
        id: 'c1',
        name: 'Bank x Insurer',
        purposes: JSON.stringify(['marketing.cross_sell.partner_offers']),
        policy: JSON.stringify({}),
        token_mode: 'hmac',
        status: 'active',
        members: JSON.stringify([]),
        proposer_id: 'p1',
      })
      .execute();
    const lists = await db
      .insertInto('audience_list')
      .values([
        {
          cleanroom_list_id: 'l1',
          collaboration_id: 'c1',
          match_id: 'm1',
          kind: 'cross_sell',
          purpose: 'marketing.cross_sell.partner_offers',
          name: 'cross-sell',
          partner_segments: JSON.stringify([]),
          received_count: 1,
          resolved_count: 1,
          dropped: JSON.stringify({}),
        },
        {
          cleanroom_list_id: 'l2',
          collaboration_id: 'c1',
          match_id: 'm2',
          kind: 'cross_sell',
          purpose: 'marketing.other',
          name: 'other',
          partner_segments: JSON.stringify([]),
          received_count: 1,
          resolved_count: 1,
          dropped: JSON.stringify({}),
        },
      ])
      .returning('id')
      .execute();
    await db
      .insertInto('audience_list_member')
      .values(lists.map((l) => ({ list_id: l.id, customer_id: customerId })))
      .execute();

    // A rolled-back consent change leaves no trace.
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueWithdrawal(trx, { customerId, reason: 'withdrawn' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await db.selectFrom('withdrawal_outbox').selectAll().execute()).toEqual([]);

    const res = await db.transaction().execute((trx) =>
      enqueueWithdrawal(trx, {
        customerId,
        purpose: 'marketing.cross_sell.partner_offers',
        reason: 'withdrawn',
      }),
    );
    expect(res.listsAffected).toBe(1);
    const rows = await db.selectFrom('withdrawal_outbox').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: res.outboxId,
      customer_id: customerId,
      purpose: 'marketing.cross_sell.partner_offers',
      reason: 'withdrawn',
      processed_at: null,
    });

    const trail = await dataTrail(db, customerId);
    expect(trail.pendingWithdrawals).toBe(1);
    expect(trail.publications).toEqual([]);
    expect(trail.lists.map((l) => [l.listName, l.removedReason]).sort()).toEqual([
      ['cross-sell', 'withdrawn'],
      ['other', null],
    ]);
  });

  it('enqueues many changes in one set-based call, each outbox row lined up with its input', async () => {
    const db = tdb.db;
    const [list] = await db
      .insertInto('audience_list')
      .values({
        cleanroom_list_id: 'l-batch',
        collaboration_id: 'c1',
        match_id: 'm-batch',
        kind: 'cross_sell',
        purpose: 'marketing.cross_sell.partner_offers',
        name: 'batch',
        partner_segments: JSON.stringify([]),
        received_count: 40,
        resolved_count: 40,
        dropped: JSON.stringify({}),
      })
      .returning('id')
      .execute();
    const listId = list?.id as string;
    const people = Array.from({ length: 40 }, () => randomUUID());
    // Only the even-numbered people are on the list; odd ones withdraw from a purpose the list is not for.
    await db
      .insertInto('audience_list_member')
      .values(people.filter((_, i) => i % 2 === 0).map((customer_id) => ({ list_id: listId, customer_id })))
      .execute();
    const inputs = people.map((customerId, i) => ({
      customerId,
      purpose: i % 2 === 0 ? 'marketing.cross_sell.partner_offers' : 'marketing.other',
      reason: (i % 3 === 0 ? 'erased' : 'withdrawn') as 'erased' | 'withdrawn',
    }));
    const before = await db.selectFrom('withdrawal_outbox').select('id').execute();
    const res = await db.transaction().execute((trx) => enqueueWithdrawals(trx, inputs));

    expect(res.map((r) => r.listsAffected)).toEqual(people.map((_, i) => (i % 2 === 0 ? 1 : 0)));
    const rows = await db
      .selectFrom('withdrawal_outbox')
      .select(['id', 'customer_id', 'purpose', 'reason', 'lists_removed'])
      .where('id', 'not in', before.length ? before.map((b) => b.id) : [-1])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [Number(r.id), r.customer_id, r.purpose, r.reason, r.lists_removed])).toEqual(
      inputs.map((x, i) => [res[i]?.outboxId, x.customerId, x.purpose, x.reason, i % 2 === 0 ? 1 : 0]),
    );
    const members = await db
      .selectFrom('audience_list_member')
      .select(['customer_id', 'removed_reason'])
      .where('list_id', '=', listId)
      .execute();
    expect(new Map(members.map((m) => [m.customer_id, m.removed_reason]))).toEqual(
      new Map(inputs.filter((_, i) => i % 2 === 0).map((x) => [x.customerId, x.reason])),
    );
    const notices = await db
      .selectFrom('audience_list_change')
      .select('reason')
      .where('list_id', '=', listId)
      .execute();
    expect(notices).toHaveLength(20);
    expect(await db.transaction().execute((trx) => enqueueWithdrawals(trx, []))).toEqual([]);
  });
});
