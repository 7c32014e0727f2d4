// Bulk edits of the working record from the customers table: add a tag, assign an owner. All or nothing: every
// record is locked and authorized with the same row check as the single-record edits (`lockCustomers`) before
// anything changes, so one record the caller may not edit refuses the whole batch. One audit event per change.
import { appendAudit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import { inTransaction } from '../../db/transaction.ts';
import { atOneInstant, type Deps, inTrx } from '../../deps.ts';
import { type AuthorizeRecord, assertAccountManager, lockCustomers, setOwner } from './profile.ts';

/** The per-record tag cap of customers.updateProfile; a full record is skipped, not trimmed. */
export const MAX_TAGS = 20;

export interface BulkOutcome {
  /** Records that changed (one audit event each). */
  changed: number;
  /** Records that already had the value. */
  unchanged: number;
  /** Records left as they were because they already carry the most tags allowed. */
  skipped: number;
}

export async function bulkAddTag(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { ids: readonly string[]; tag: string; actor: Actor; authorize: AuthorizeRecord },
): Promise<BulkOutcome> {
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    const rows = await lockCustomers(trx, input.ids, input.authorize);
    const outcome: BulkOutcome = { changed: 0, unchanged: 0, skipped: 0 };
    for (const c of rows) {
      if (c.tags.includes(input.tag)) outcome.unchanged += 1;
      else if (c.tags.length >= MAX_TAGS) outcome.skipped += 1;
      else {
        await trx
          .updateTable('customer')
          .set({ tags: [...c.tags, input.tag].sort(), updated_at: now })
          .where('id', '=', c.id)
          .execute();
        await appendAudit(trx, {
          action: 'customer.tag_added',
          subjectType: 'Customer',
          subjectId: c.id,
          actorId: input.actor.id,
          actor: input.actor.email,
          at: now,
          data: { tag: input.tag },
        });
        outcome.changed += 1;
      }
    }
    return outcome;
  });
}

export async function bulkAssignOwner(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { ids: readonly string[]; ownerId: string | null; actor: Actor; authorize: AuthorizeRecord },
): Promise<BulkOutcome> {
  const at = atOneInstant(deps);
  return inTransaction(deps.db, async (trx) => {
    await assertAccountManager(trx, input.ownerId);
    const rows = await lockCustomers(trx, input.ids, input.authorize);
    const outcome: BulkOutcome = { changed: 0, unchanged: 0, skipped: 0 };
    for (const c of rows) {
      if (await setOwner(inTrx(at, trx), { customer: c, ownerId: input.ownerId, actor: input.actor }))
        outcome.changed += 1;
      else outcome.unchanged += 1;
    }
    return outcome;
  });
}
