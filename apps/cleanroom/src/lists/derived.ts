// Lists derived from a publication: when partner members leave a publication, every list delivered to another
// partner loses the members it holds only because of them (list_links = the match edges recorded at delivery).
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';

export interface DerivedList {
  listId: string;
  receiverId: string;
  kind: 'cross_sell' | 'referral';
}

/**
 * Serializes every transaction that writes list_removals from here to its commit, so `seq` order is commit order
 * and a receiver paging with `seq > cursor` can never skip a removal that commits late.
 */
const REMOVALS_LOCK = 0x636f6e63; // "conc"

/** Unexpired lists delivered to other partners whose members were matched against `publicationId`. */
export async function derivedLists(
  trx: Transaction<Database>,
  publicationId: string,
  now: Date,
): Promise<DerivedList[]> {
  const rows = await trx
    .selectFrom('lists')
    .select(['id', 'receiver_id', 'kind'])
    .where(sql<boolean>`counterpart_publication_ids @> jsonb_build_array(${publicationId}::text)`)
    .where('expires_at', '>', now)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ listId: r.id, receiverId: r.receiver_id, kind: r.kind }));
}

/**
 * Removes from lists derived from `publicationId` every member matched only through the removed partner members
 * (`memberIds`: a SQL set of 16-byte ids; null = all of them, e.g. the owner left). A member still linked to
 * another partner member that is present stays. Removals are queued for the receivers and audited per list.
 */
export async function removeDerivedMembers(
  trx: Transaction<Database>,
  now: Date,
  input: { publicationId: string; collaborationId: string; memberIds: RawBuilder<unknown> | null },
): Promise<{ lists: DerivedList[]; removed: number }> {
  const lists = await derivedLists(trx, input.publicationId, now);
  if (lists.length === 0) return { lists, removed: 0 };
  const gone = input.memberIds
    ? sql`l.counterpart_publication_id = ${input.publicationId}::uuid and l.counterpart_member_id in ${input.memberIds}`
    : sql`l.counterpart_publication_id = ${input.publicationId}::uuid`;
  await sql`select pg_advisory_xact_lock(${REMOVALS_LOCK})`.execute(trx);
  // One statement, one snapshot: `orphan` sees the links as they were, minus the ones being removed.
  const { rows } = await sql<{ list_id: string; n: number }>`
    with affected as materialized (
      select l.list_id, l.member_id, l.counterpart_publication_id, l.counterpart_member_id
      from list_links l where ${gone}),
    dropped_links as (
      delete from list_links x using affected a
      where x.list_id = a.list_id and x.member_id = a.member_id
        and x.counterpart_publication_id = a.counterpart_publication_id
        and x.counterpart_member_id = a.counterpart_member_id),
    orphan as (
      select distinct a.list_id, a.member_id from affected a
      where not exists (
        select 1 from list_links o
        where o.list_id = a.list_id and o.member_id = a.member_id
          and not exists (select 1 from affected b
                          where b.list_id = o.list_id and b.member_id = o.member_id
                            and b.counterpart_publication_id = o.counterpart_publication_id
                            and b.counterpart_member_id = o.counterpart_member_id))),
    dropped as (
      delete from list_members lm using orphan o, lists li
      where lm.list_id = o.list_id and lm.member_id = o.member_id and li.id = o.list_id and li.expires_at > ${now}
      returning lm.list_id, lm.member_id, li.receiver_id),
    queued as (
      insert into list_removals (list_id, receiver_id, member_id, removed_at)
      select d.list_id, d.receiver_id, d.member_id, ${now} from dropped d
      returning list_id)
    select q.list_id::text as list_id, count(*)::int as n from queued q group by q.list_id`.execute(trx);
  const removed = await shrinkLists(trx, rows);
  for (const r of rows) {
    const list = lists.find((l) => l.listId === r.list_id);
    await appendAudit(trx, now, {
      action: 'list.members_removed',
      actorId: null,
      collaborationId: input.collaborationId,
      partnerIds: list ? [list.receiverId] : [],
      details: { listId: r.list_id, members: Number(r.n), cause: 'counterpart_removed' },
    });
  }
  return { lists, removed };
}

/** Keeps each list's `size` current after members left it; returns the total removed. */
export async function shrinkLists(
  trx: Transaction<Database>,
  removedPerList: ReadonlyArray<{ list_id: string; n: number }>,
): Promise<number> {
  let removed = 0;
  for (const r of removedPerList) {
    removed += Number(r.n);
    await trx
      .updateTable('lists')
      .set((eb) => ({ size: eb('size', '-', Number(r.n)) }))
      .where('id', '=', r.list_id)
      .execute();
  }
  return removed;
}

/** Drops the match edges of lists that are gone or expired (their members are deleted by the caller). */
export async function dropListLinks(trx: Transaction<Database>, listIds: string[]): Promise<void> {
  if (listIds.length > 0) await trx.deleteFrom('list_links').where('list_id', 'in', listIds).execute();
}

/** Removals of members from lists delivered to `receiverId`, after a cursor, in commit order. */
export async function listRemovals(
  db: Kysely<Database>,
  receiverId: string,
  input: { after?: string | undefined; limit: number },
) {
  const after = input.after ?? '0';
  const rows = await db
    .selectFrom('list_removals')
    .select(['seq', 'list_id', 'member_id', 'removed_at'])
    .where('receiver_id', '=', receiverId)
    .where(sql<boolean>`seq > ${after}::int8`)
    .orderBy('seq')
    .limit(input.limit)
    .execute();
  return {
    removals: rows.map((r) => ({
      listId: r.list_id,
      memberId: Buffer.from(r.member_id).toString('hex'),
      removedAt: r.removed_at.toISOString(),
    })),
    nextCursor: rows.length > 0 ? String(rows[rows.length - 1]?.seq) : after,
  };
}
