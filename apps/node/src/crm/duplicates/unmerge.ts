// Undoing a merge inside its window: moved rows go back to the restored record, its external id stops being an alias.
import { ConcordError } from '@concord/protocol/errors';
import { sql, type Transaction } from 'kysely';
import { appendAudit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import { auditActor } from '../../auth/actor.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { setDuplicateStatus } from './flag.ts';
import type { MovedRows } from './merge.ts';

async function moveBack(
  trx: Transaction<Database>,
  table: 'purchase' | 'interaction' | 'follow_up',
  ids: string[],
  from: string,
  to: string,
): Promise<void> {
  if (ids.length === 0) return;
  await sql`update ${sql.table(table)} set customer_id = ${to}::uuid
    where customer_id = ${from}::uuid and id = any(${ids}::uuid[])`.execute(trx);
}

/**
 * Reverses merge `mergeId` (EXPIRED after its window, CONFLICT when already undone). The survivor's copies of the
 * restored record's consent events are removed; events the strictest-state rule appended stay: they only restrict,
 * and consent is not re-granted without new evidence.
 */
export async function unmergeCustomers(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { mergeId: string; actor: Actor },
): Promise<{ survivorId: string; restoredId: string }> {
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    const m = await trx
      .selectFrom('customer_merge')
      .selectAll()
      .where('id', '=', input.mergeId)
      .forUpdate()
      .executeTakeFirst();
    if (!m) throw new ConcordError('NOT_FOUND', 'no such merge');
    if (m.undone_at) throw new ConcordError('CONFLICT', 'this merge was already undone');
    if (m.undo_until.getTime() < now.getTime()) {
      throw new ConcordError('EXPIRED', `this merge could be undone until ${m.undo_until.toISOString()}`);
    }
    const moved = m.moved as unknown as MovedRows;
    const [to, from] = [m.merged_id, m.survivor_id];
    await moveBack(trx, 'purchase', moved.purchases, from, to);
    await moveBack(trx, 'interaction', moved.interactions, from, to);
    await moveBack(trx, 'follow_up', moved.followUps, from, to);
    // The copies duplicate events still held by the restored record: removing them loses nothing.
    if (moved.consentEvents.length > 0) {
      await trx
        .deleteFrom('consent_event')
        .where('customer_id', '=', from)
        .where('id', 'in', moved.consentEvents)
        .execute();
    }
    for (const i of moved.identifiers) {
      await trx
        .updateTable('customer_identifier')
        .set({ customer_id: to, position: i.from })
        .where('customer_id', '=', from)
        .where('id_type', '=', i.idType)
        .where('position', '=', i.to)
        .execute();
    }
    await trx.deleteFrom('customer_alias').where('merge_id', '=', m.id).execute();
    if (moved.aliases.length > 0) {
      await trx
        .updateTable('customer_alias')
        .set({ customer_id: to })
        .where('external_id', 'in', moved.aliases)
        .execute();
    }
    await trx
      .updateTable('customer')
      .set({ deleted_at: null, merged_into: null, updated_at: now })
      .where('id', '=', to)
      .execute();
    await trx
      .updateTable('customer_merge')
      .set({ undone_at: now, undone_by: input.actor.id })
      .where('id', '=', m.id)
      .execute();
    await setDuplicateStatus({ db: trx }, { customerA: from, customerB: to, status: 'open' });
    await appendAudit(trx, {
      action: 'customer.unmerge',
      subjectType: 'Customer',
      subjectId: from,
      ...auditActor(input.actor),
      at: now,
      data: { mergeId: m.id, restoredId: to },
    });
    return { survivorId: from, restoredId: to };
  });
}
