// Withdrawal outbox: consent changes and erasures enqueue here in their own transaction; the sender drains it.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { WithdrawalReason } from '../db/tables/collab.table.ts';
import { ringWithdrawalSenders } from './kick.ts';

export type { WithdrawalReason };

export interface WithdrawalInput {
  customerId: string;
  /** The purpose whose consent ended; omit for every purpose (erasure, full withdrawal). */
  purpose?: string;
  reason: WithdrawalReason;
}

export interface EnqueuedWithdrawal {
  outboxId: number;
  /** Audience-list memberships removed locally right away (lists never leave the node). */
  listsAffected: number;
}

/**
 * Records that `customerId` must leave every live publication covering `purpose` (all when omitted).
 * Call it inside the transaction that changes consent or erases the customer, so the two commit together;
 * the background sender then sends the member-id deltas to the clean room (see withdrawal-sender.ts).
 */
export async function enqueueWithdrawal(
  trx: Transaction<Database>,
  input: WithdrawalInput,
): Promise<EnqueuedWithdrawal> {
  // Received lists are local data: drop the person from every unexpired audience for that purpose now.
  let update = trx
    .updateTable('audience_list_member')
    .set({ removed_at: sql`now()`, removed_reason: input.reason })
    .where('customer_id', '=', input.customerId)
    .where('removed_at', 'is', null);
  if (input.purpose !== undefined) {
    const purpose = input.purpose;
    update = update.where('list_id', 'in', (qb) =>
      qb.selectFrom('audience_list').select('id').where('purpose', '=', purpose),
    );
  }
  const lists = await update.returning('list_id').execute();
  if (lists.length > 0) {
    // The marketer sees on each list what changed and why (a notice), not just a smaller number.
    await trx
      .insertInto('audience_list_change')
      .values(lists.map((l) => ({ list_id: l.list_id, removed: 1, reason: input.reason })))
      .execute();
  }
  const row = await trx
    .insertInto('withdrawal_outbox')
    .values({
      customer_id: input.customerId,
      purpose: input.purpose ?? null,
      reason: input.reason,
      lists_removed: lists.length,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  ringWithdrawalSenders();
  return { outboxId: Number(row.id), listsAffected: lists.length };
}
