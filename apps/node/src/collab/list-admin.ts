// Keeping stored audiences tidy: rename, archive (kept and readable, out of pickers), delete (members removed, the
// row stays as provenance). Each change is audited in the same transaction.
import { ConcordError } from '@concord/protocol/errors';
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/database.ts';
import type { AudienceList } from '../db/tables/collab.table.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
import { assertListNameFree } from './list-names.ts';

interface Change {
  listId: string;
  actor: Actor;
}

/** A change as applied: the request plus the one instant it happens at. */
type Applied<C> = C & { now: Date };

async function keptList(trx: Transaction<Database>, id: string): Promise<AudienceList> {
  const l = await trx
    .selectFrom('audience_list')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!l) throw new ConcordError('NOT_FOUND', 'no such audience list');
  return l;
}

async function audit(
  trx: Transaction<Database>,
  c: Applied<Change>,
  action: string,
  data: Record<string, unknown>,
) {
  await appendAudit(trx, {
    action,
    subjectType: 'AudienceList',
    subjectId: c.listId,
    actorId: c.actor.id,
    actor: c.actor.email,
    at: c.now,
    data,
  });
}

export async function renameList(
  deps: Pick<Deps, 'db' | 'now'>,
  input: Change & { name: string },
): Promise<AudienceList> {
  const c = { ...input, now: deps.now() };
  return inTransaction(deps.db, async (trx) => {
    const l = await keptList(trx, c.listId);
    if (l.name === c.name) return l;
    await assertListNameFree(trx, c.name, c.listId);
    const row = await trx
      .updateTable('audience_list')
      .set({ name: c.name })
      .where('id', '=', c.listId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, c, 'list.renamed', {});
    return row;
  });
}

export async function setListArchived(
  deps: Pick<Deps, 'db' | 'now'>,
  input: Change & { archived: boolean },
): Promise<AudienceList> {
  const c = { ...input, now: deps.now() };
  return inTransaction(deps.db, async (trx) => {
    const l = await keptList(trx, c.listId);
    if ((l.archived_at !== null) === c.archived) return l;
    const row = await trx
      .updateTable('audience_list')
      .set({ archived_at: c.archived ? c.now : null })
      .where('id', '=', c.listId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, c, c.archived ? 'list.archived' : 'list.unarchived', {});
    return row;
  });
}

/** Deletes a list nobody uses: a campaign built on it keeps it (CONFLICT: archive it instead). */
export async function deleteList(
  deps: Pick<Deps, 'db' | 'now'>,
  input: Change,
): Promise<{ id: string; removed: number }> {
  const c = { ...input, now: deps.now() };
  return inTransaction(deps.db, async (trx) => {
    await keptList(trx, c.listId);
    const used = await trx
      .selectFrom('campaign')
      .select('name')
      .where('audience_list_id', '=', c.listId)
      .executeTakeFirst();
    if (used) {
      throw new ConcordError('CONFLICT', `campaign “${used.name}” uses this list; archive it instead`);
    }
    const r = await trx.deleteFrom('audience_list_member').where('list_id', '=', c.listId).executeTakeFirst();
    await trx.updateTable('audience_list').set({ deleted_at: c.now }).where('id', '=', c.listId).execute();
    const removed = Number(r.numDeletedRows);
    await audit(trx, c, 'list.deleted', { membersRemoved: removed });
    return { id: c.listId, removed };
  });
}
