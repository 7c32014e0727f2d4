// The epsilon budget of a requester in a collaboration: what insights and measurement results are charged to.
import { ConcordError } from '@concord/protocol/errors';
import { sql, type Transaction } from 'kysely';
import type { ActiveCollaboration } from '../collab/collaborations.ts';
import type { Database } from '../db/database.ts';

/** Float slack so that spending exactly the budget in equal steps is not refused by rounding. */
const EPS_SLACK = 1e-9;

/** Epsilon the partner may still spend in this collaboration. */
export async function epsilonRemaining(
  trx: Transaction<Database>,
  collab: ActiveCollaboration,
  partnerId: string,
): Promise<number> {
  const row = await trx
    .selectFrom('budgets')
    .select('spent')
    .where((eb) => eb.and({ collaboration_id: collab.row.id, partner_id: partnerId }))
    .executeTakeFirst();
  return collab.policy.epsilonBudget - Number(row?.spent ?? 0);
}

/** Refuses with BUDGET_EXHAUSTED before any work is done when `eps` no longer fits. */
export async function requireEpsilon(
  trx: Transaction<Database>,
  collab: ActiveCollaboration,
  partnerId: string,
  eps: number,
): Promise<void> {
  const left = await epsilonRemaining(trx, collab, partnerId);
  if (eps > left + EPS_SLACK) {
    throw new ConcordError('BUDGET_EXHAUSTED', 'the epsilon budget for this collaboration is spent', {
      epsilonBudget: collab.policy.epsilonBudget,
      epsilonSpent: collab.policy.epsilonBudget - left,
    });
  }
}

/**
 * Charges `eps` to the partner's budget, or refuses with BUDGET_EXHAUSTED; returns what remains. The guarded
 * update makes two concurrent charges unable to overspend together.
 */
export async function chargeEpsilon(
  trx: Transaction<Database>,
  collab: ActiveCollaboration,
  partnerId: string,
  eps: number,
): Promise<number> {
  await trx
    .insertInto('budgets')
    .values({ collaboration_id: collab.row.id, partner_id: partnerId, spent: 0 })
    .onConflict((oc) => oc.columns(['collaboration_id', 'partner_id']).doNothing())
    .execute();
  const charged = await trx
    .updateTable('budgets')
    .set((eb) => ({ spent: eb('spent', '+', eps) }))
    .where((eb) => eb.and({ collaboration_id: collab.row.id, partner_id: partnerId }))
    .where(sql<boolean>`spent + ${eps} <= ${collab.policy.epsilonBudget + EPS_SLACK}`)
    .returning('spent')
    .executeTakeFirst();
  if (!charged) {
    throw new ConcordError('BUDGET_EXHAUSTED', 'the epsilon budget for this collaboration is spent', {
      epsilonBudget: collab.policy.epsilonBudget,
    });
  }
  return collab.policy.epsilonBudget - Number(charged.spent);
}
