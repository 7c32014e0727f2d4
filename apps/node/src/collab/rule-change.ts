// A compliance rule changed: members it makes ineligible leave live publications at once (no republish), and
// live publications are flagged so the sender tightens the rules the clean room holds for them.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { ringWithdrawalSenders } from './kick.ts';
import { recipientsOf } from './policy.ts';
import { type Candidates, purposeMaskQuery } from './sources.ts';

/**
 * Re-decides every present member of one publication under the rules in force at `at` (one statement) and
 * queues a removal, scoped to that publication, for each member who lost a purpose bit it was published with.
 * Returns how many were queued.
 */
export async function recheckPublication(
  trx: Transaction<Database>,
  publicationId: string,
  at: Date,
): Promise<number> {
  const pub = await trx
    .selectFrom('publication as p')
    .innerJoin('collaboration as c', 'c.id', 'p.collaboration_id')
    .select(['p.id', 'p.purposes', 'c.members'])
    .where('p.id', '=', publicationId)
    .executeTakeFirst();
  const me = await trx.selectFrom('collab_node_key').select('partner_id').executeTakeFirst();
  if (!pub || !me?.partner_id) return 0;
  const recipients = recipientsOf(pub, me.partner_id);
  if (recipients.length === 0) return 0;
  const candidates = trx
    .selectFrom('publication_member')
    .select('customer_id')
    .where('publication_id', '=', publicationId)
    .where('removed_at', 'is', null) as unknown as Candidates;
  const masks = await purposeMaskQuery(trx, candidates, pub.purposes, recipients, at);
  const res = await sql`
    insert into withdrawal_outbox (customer_id, purpose, reason, publication_id)
    select pm.customer_id, null, 'rule_changed', pm.publication_id
    from publication_member pm join (${masks}) m on m.customer_id = pm.customer_id
    where pm.publication_id = ${publicationId}::uuid and pm.removed_at is null
      and (pm.purpose_mask & ~m.mask) <> 0`.execute(trx);
  return Number(res.numAffectedRows ?? 0);
}

/**
 * Called by rules.set inside its transaction. Stricter industries or consent age remove the members they exclude
 * from every live publication; every live (and uploading) publication is flagged for the sender to compare its
 * lists/kMin policy with what the clean room holds. Returns the removals queued.
 */
export async function onRuleChanged(trx: Transaction<Database>, at: Date): Promise<number> {
  const pubs = await trx
    .updateTable('publication')
    .set({ policy_dirty: true })
    .where('status', 'in', ['live', 'uploading'])
    .returning(['id', 'status'])
    .execute();
  let queued = 0;
  for (const p of pubs) if (p.status === 'live') queued += await recheckPublication(trx, p.id, at);
  if (pubs.length > 0) ringWithdrawalSenders();
  return queued;
}
