// When consent stops covering a customer (withdrawn/refused/expired/GPC/erased), tell the federation side in the same transaction.
import type { Transaction } from 'kysely';
import { enqueueWithdrawals, type WithdrawalReason } from '../collab/withdrawal.ts';
import type { Database } from '../db/database.ts';

export interface IneligibleChange {
  customerId: string;
  /** A concrete purpose; omitted = every purpose (erasure, GPC). */
  purpose?: string;
  reason: WithdrawalReason;
}

/**
 * Queues removal from live publications and drops the person from unresolved lists (collab/withdrawal.ts).
 * Runs inside the consent transaction so the change and its propagation commit together.
 */
export async function onIneligible(
  trx: Transaction<Database>,
  changes: readonly IneligibleChange[],
): Promise<void> {
  await enqueueWithdrawals(trx, changes);
}
