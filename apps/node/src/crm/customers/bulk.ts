// Bulk edits of the working record from the customers table: add a tag, assign an owner. All or nothing: every
// record is locked and authorized with the same row check as the single-record edits (`lockCustomers`) before
// anything changes, so one record the caller may not edit refuses the whole batch. One audit event per change.
import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
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
  db: Kysely<Database>,
  input: { ids: readonly string[]; tag: string; actor: Actor; now: Date },
  authorize: AuthorizeRecord,
): Promise<BulkOutcome> {
  return inTransaction(db, async (trx) => {
    const rows = await lockCustomers(trx, input.ids, authorize);
    const outcome: BulkOutcome = { changed: 0, unchanged: 0, skipped: 0 };
    for (const c of rows) {
      if (c.tags.includes(input.tag)) outcome.unchanged += 1;
      else if (c.tags.length >= MAX_TAGS) outcome.skipped += 1;
      else {
        await trx
          .updateTable('customer')
          .set({ tags: [...c.tags, input.tag].sort(), updated_at: input.now })
          .where('id', '=', c.id)
          .execute();
        await appendAudit(trx, {
          action: 'customer.tag_added',
          subjectType: 'Customer',
          subjectId: c.id,
          actorId: input.actor.id,
          actor: input.actor.email,
          at: input.now,
          data: { tag: input.tag },
        });
        outcome.changed += 1;
      }
    }
    return outcome;
  });
}

export async function bulkAssignOwner(
  db: Kysely<Database>,
  input: { ids: readonly string[]; ownerId: string | null; actor: Actor; now: Date },
  authorize: AuthorizeRecord,
): Promise<BulkOutcome> {
  return inTransaction(db, async (trx) => {
    await assertAccountManager(trx, input.ownerId);
    const rows = await lockCustomers(trx, input.ids, authorize);
    const outcome: BulkOutcome = { changed: 0, unchanged: 0, skipped: 0 };
    for (const c of rows) {
      if (await setOwner(trx, c, input)) outcome.changed += 1;
      else outcome.unchanged += 1;
    }
    return outcome;
  });
}
