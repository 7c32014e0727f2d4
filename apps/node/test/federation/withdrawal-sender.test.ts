// The withdrawal sender against a stub clean room: purpose scoping, retries with backoff, idempotent resend.
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@concord/db/testing';
import type { CleanroomClient } from '@concord/protocol/client';
import { toHex } from '@concord/protocol/encoding';
import { ConcordError } from '@concord/protocol/errors';
import { silentLogger } from '@concord/service';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueWithdrawal } from '../../src/collab/withdrawal.ts';
import { drainWithdrawals, withdrawalStats } from '../../src/collab/withdrawal-sender.ts';
import type { Database } from '../../src/db/database.ts';
import { migrations } from '../../src/db/migrations/index.ts';

let tdb: TestDatabase<Database>;
const calls: Array<{ publicationId: string; removeMemberIds: string[] }> = [];
let failNext = 0;
const cleanroom = {
  sendDeltas: async (input: { publicationId: string; removeMemberIds: string[] }) => {
    calls.push(input);
    if (failNext > 0) {
      failNext--;
      throw new ConcordError('UNAVAILABLE', 'clean room down');
    }
    return {
      publicationId: input.publicationId,
      removedTokens: input.removeMemberIds.length,
      revision: calls.length,
    };
  },
} as unknown as CleanroomClient;

const A = randomUUID();
const B = randomUUID();
const memberA = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
const memberB = Uint8Array.from({ length: 16 }, (_, i) => 100 + i);

beforeAll(async () => {
  tdb = await createTestDatabase<Database>('collab_sender', migrations);
  await tdb.db
    .insertInto('collaboration')
    .values({
      id: 'c1',
      name: 'C',
      purposes: JSON.stringify(['marketing.cross_sell.partner_offers', 'analytics.audience_overlap']),
      policy: JSON.stringify({}),
      token_mode: 'hmac',
      status: 'active',
      members: JSON.stringify([]),
      proposer_id: 'p',
    })
    .execute();
  const pub = await tdb.db
    .insertInto('publication')
    .values({
      collaboration_id: 'c1',
      segment_id: 's1',
      segment_name: 'S',
      status: 'live',
      purposes: JSON.stringify(['marketing.cross_sell.partner_offers', 'analytics.audience_overlap']),
      published_by: null,
      error: null,
      cleanroom_publication_id: 'pub-1',
      cleanroom_version_id: 'v-1',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tdb.db
    .insertInto('publication_member')
    .values([
      // A consented to the first purpose only; B to both.
      {
        publication_id: pub.id,
        member_id: memberA,
        customer_id: A,
        purpose_mask: 0b01,
        removed_at: null,
        removed_reason: null,
      },
      {
        publication_id: pub.id,
        member_id: memberB,
        customer_id: B,
        purpose_mask: 0b11,
        removed_at: null,
        removed_reason: null,
      },
    ])
    .execute();
});
afterAll(() => tdb.destroy());

const deps = () => ({ db: tdb.db, cleanroom, logger: silentLogger() });

describe('drainWithdrawals', () => {
  it('sends nothing when the withdrawn purpose is not in the member mask', async () => {
    await tdb.db
      .transaction()
      .execute((trx) =>
        enqueueWithdrawal(trx, { customerId: A, purpose: 'analytics.audience_overlap', reason: 'withdrawn' }),
      );
    expect(await drainWithdrawals(deps())).toEqual({ processed: 1, removed: 0, failed: 0 });
    expect(calls).toEqual([]);
  });

  it('a withdrawn parent purpose removes the member; a failure is retried later with the same ids', async () => {
    await tdb.db
      .transaction()
      .execute((trx) => enqueueWithdrawal(trx, { customerId: B, purpose: 'marketing', reason: 'withdrawn' }));
    failNext = 1;
    expect(await drainWithdrawals(deps())).toEqual({ processed: 0, removed: 0, failed: 1 });
    const pending = await tdb.db
      .selectFrom('withdrawal_outbox')
      .selectAll()
      .where('processed_at', 'is', null)
      .execute();
    expect(pending.map((r) => [r.customer_id, r.attempts, r.last_error])).toEqual([
      [B, 1, 'clean room down'],
    ]);
    // Backoff: not due yet.
    expect(await drainWithdrawals(deps())).toEqual({ processed: 0, removed: 0, failed: 0 });

    await sql`update withdrawal_outbox set next_attempt_at = now() - interval '1 second' where processed_at is null`.execute(
      tdb.db,
    );
    expect(await drainWithdrawals(deps())).toEqual({ processed: 1, removed: 1, failed: 0 });
    expect(calls.map((c) => [c.publicationId, c.removeMemberIds])).toEqual([
      ['pub-1', [toHex(memberB)]],
      ['pub-1', [toHex(memberB)]],
    ]);
    const b = await tdb.db
      .selectFrom('publication_member')
      .selectAll()
      .where('customer_id', '=', B)
      .executeTakeFirstOrThrow();
    expect(b.removed_reason).toBe('withdrawn');
    expect(b.removed_at).toBeInstanceOf(Date);

    // Already removed: an erasure later sends nothing more for B.
    await tdb.db.transaction().execute((trx) => enqueueWithdrawal(trx, { customerId: B, reason: 'erased' }));
    expect(await drainWithdrawals(deps())).toEqual({ processed: 1, removed: 0, failed: 0 });
    expect(calls).toHaveLength(2);

    const stats = await withdrawalStats(tdb.db);
    expect(stats.processed).toBe(3);
    expect(stats.pending).toBe(0);
  });
});
