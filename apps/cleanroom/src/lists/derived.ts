// Lists derived from a publication: when partner members leave a publication, every list delivered to another
// partner loses the members it holds only because of them (the list's edge blocks = the match edges recorded at
// delivery; lists/blocks.ts), and the publication's own lists lose them too.
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';
import { SATURATED_LINKS } from './blocks.ts';

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

/** The edges through the removed counterpart members: one block lookup and a binary search per member. */
function cutEdges(memberIds: RawBuilder<unknown> | null): RawBuilder<unknown> {
  if (memberIds)
    return sql`
      select li.id as list_id, li.c, m.cpm, f.member_id, f.links
      from li cross join ${memberIds} m(cpm)
      cross join lateral (
        select b.n, b.body from list_link_blocks b
        where b.list_id = li.id and b.first_key <= li.c * 65536 + get_byte(m.cpm, 0) * 256 + get_byte(m.cpm, 1)
        order by b.first_key desc limit 1) b
      cross join lateral list_block_links(b.body, b.n, li.c, m.cpm) f`;
  // The whole counterpart left: every edge of its groups, from the block holding its first group on.
  return sql`
    select li.id as list_id, li.c, substring(x.d from i * 36 + 17 for 16) as cpm,
           substring(x.d from i * 36 + 1 for 16) as member_id,
           get_byte(x.d, i * 36 + 34) * 256 + get_byte(x.d, i * 36 + 35) as links
    from li join list_link_blocks b on b.list_id = li.id and b.first_key <= li.c * 65536 + 65535
      and b.first_key >= coalesce((select max(first_key) from list_link_blocks
                                   where list_id = li.id and first_key <= li.c * 65536), 0)
    cross join lateral (select b.body || ''::bytea as d) x
    cross join lateral generate_series(0, b.n - 1) i
    where get_byte(x.d, i * 36 + 32) = li.c`;
}

/**
 * Removes from lists derived from `publicationId` every member matched only through the removed partner members
 * (`memberIds`: a SQL set of 16-byte ids; null = all of them, e.g. the owner left). A member still linked to
 * another partner member that is present stays. Removals are queued for the receivers and audited per list.
 * The publication's own lists lose those members too (removeOwnMembers).
 */
export async function removeDerivedMembers(
  trx: Transaction<Database>,
  now: Date,
  input: { publicationId: string; collaborationId: string; memberIds: RawBuilder<unknown> | null },
): Promise<{ lists: DerivedList[]; removed: number }> {
  if (input.memberIds) await removeOwnMembers(trx, input.publicationId, input.memberIds);
  const lists = await derivedLists(trx, input.publicationId, now);
  if (lists.length === 0) return { lists, removed: 0 };
  await sql`select pg_advisory_xact_lock(${REMOVALS_LOCK})`.execute(trx);
  // A few hundred rows: JIT compilation (seconds, triggered by the estimates of the lateral lookups) never pays.
  await sql`set local jit = off`.execute(trx);
  // One statement, one snapshot: `earlier` counts the edges cut before this statement, `fresh` the ones it cuts;
  // a member whose cut edges reach its edge count leaves (once: the marker's key).
  const { rows } = await sql<{ list_id: string; n: number }>`
    with li as materialized (
      select l.id, l.receiver_id,
             (select (j.o - 1)::int from jsonb_array_elements_text(l.counterpart_publication_ids)
                with ordinality j(v, o) where j.v = ${input.publicationId}) as c
      from lists l
      where l.counterpart_publication_ids @> jsonb_build_array(${input.publicationId}::text)
        and l.expires_at > ${now}),
    cut as materialized (${cutEdges(input.memberIds)}),
    fresh as (
      insert into list_cut_links (list_id, member_id, cp_index, counterpart_member_id)
      select list_id, member_id, c, cpm from cut on conflict do nothing
      returning list_id, member_id),
    tally as (select list_id, member_id, count(*) as n from fresh group by list_id, member_id),
    orphan as (
      select t.list_id, t.member_id from tally t
      cross join lateral (select max(k.links) as links from cut k
                          where k.list_id = t.list_id and k.member_id = t.member_id) k
      where k.links < ${SATURATED_LINKS}
        and t.n + (select count(*) from list_cut_links e
                   where e.list_id = t.list_id and e.member_id = t.member_id) >= k.links),
    dropped as (
      insert into list_removed_members (list_id, member_id)
      select list_id, member_id from orphan on conflict do nothing
      returning list_id, member_id),
    queued as (
      insert into list_removals (list_id, receiver_id, member_id, removed_at)
      select d.list_id, li.receiver_id, d.member_id, ${now} from dropped d join li on li.id = d.list_id
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

/**
 * The owner's withdrawn members leave the lists delivered to the owner from this publication (removal markers;
 * `size` kept current). Idempotent: a member already marked is not counted again. Returns how many left.
 */
export async function removeOwnMembers(
  trx: Transaction<Database>,
  publicationId: string,
  memberIds: RawBuilder<unknown>,
): Promise<number> {
  const { rows } = await sql<{ list_id: string; n: number }>`
    with gone as (
      insert into list_removed_members (list_id, member_id)
      select l.id, m.member_id from lists l cross join ${memberIds} m(member_id)
      where l.publication_id = ${publicationId}::uuid and list_has_member(l.id, m.member_id)
      on conflict do nothing
      returning list_id)
    select g.list_id::text as list_id, count(*)::int as n from gone g group by g.list_id`.execute(trx);
  return shrinkLists(trx, rows);
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
