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

/** One change, for callers with a single person; see enqueueWithdrawals. */
export async function enqueueWithdrawal(
  trx: Transaction<Database>,
  input: WithdrawalInput,
): Promise<EnqueuedWithdrawal> {
  const [one] = await enqueueWithdrawals(trx, [input]);
  if (!one) throw new Error('enqueueWithdrawals returned nothing for one input');
  return one;
}

/**
 * Records that each customer must leave every live publication covering its purpose (all when omitted). Call it
 * inside the transaction that changes consent or erases, so the two commit together; the background sender then
 * sends the member-id deltas to the clean room (withdrawal-sender.ts). Set-based: three statements whatever the
 * number of changes (a bulk consent import used to cost 2N round trips here).
 */
export async function enqueueWithdrawals(
  trx: Transaction<Database>,
  inputs: readonly WithdrawalInput[],
): Promise<EnqueuedWithdrawal[]> {
  if (inputs.length === 0) return [];
  const changes = JSON.stringify(
    inputs.map((x, i) => ({ i, customer_id: x.customerId, purpose: x.purpose ?? null, reason: x.reason })),
  );
  // Received lists are local data: drop each person from every unexpired audience for the purpose now.
  const removed = await sql<{ i: number; list_id: string; reason: WithdrawalReason }>`
    with v as (
      select * from jsonb_to_recordset(${changes}::jsonb) as v(i int, customer_id uuid, purpose text, reason text)
    )
    update audience_list_member m set removed_at = now(), removed_reason = v.reason
    from v
    where m.customer_id = v.customer_id and m.removed_at is null
      and (v.purpose is null or m.list_id in (select l.id from audience_list l where l.purpose = v.purpose))
    returning v.i, m.list_id, v.reason`.execute(trx);
  if (removed.rows.length > 0) {
    // The marketer sees on each list what changed and why (a notice), not just a smaller number.
    await trx
      .insertInto('audience_list_change')
      .values(removed.rows.map((r) => ({ list_id: r.list_id, removed: 1, reason: r.reason })))
      .execute();
  }
  const listsRemoved = inputs.map((_, i) => removed.rows.filter((r) => r.i === i).length);
  const rows = await trx
    .insertInto('withdrawal_outbox')
    .values(
      inputs.map((x, i) => ({
        customer_id: x.customerId,
        purpose: x.purpose ?? null,
        reason: x.reason,
        lists_removed: listsRemoved[i] ?? 0,
      })),
    )
    .returning('id')
    .execute();
  ringWithdrawalSenders();
  // Outbox ids are a sequence assigned in VALUES order, so ascending ids line up with the inputs.
  const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  return inputs.map((_, i) => ({ outboxId: ids[i] as number, listsAffected: listsRemoved[i] ?? 0 }));
}
