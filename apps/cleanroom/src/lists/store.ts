// Where a delivered list lives (see lists/blocks.ts): writing its blocks inside the delivering transaction (so a
// failed build leaves nothing), reading its members in order past a cursor (skipping removal markers), and
// dropping everything a list holds.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ListRows } from '../match/engine/list-rows.ts';
import { compare16, linkBlocks, MEMBERS_PER_BLOCK, memberBlocks, sortedMembers } from './blocks.ts';

type DbOrTrx = Kysely<Database> | Transaction<Database>;

/** Blocks per INSERT: about 1 MB of members or 2 MB of edges a statement. */
const BLOCKS_PER_INSERT = 64;

async function insertChunked<T>(items: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let from = 0; from < items.length; from += BLOCKS_PER_INSERT)
    await insert(items.slice(from, from + BLOCKS_PER_INSERT));
}

/** Stores a list's members and edges as blocks; returns how many members. */
export async function writeListBlocks(
  trx: Transaction<Database>,
  listId: string,
  rows: ListRows,
): Promise<number> {
  const members = memberBlocks(sortedMembers(rows.members, rows.memberCount));
  await insertChunked(members, (chunk) =>
    trx
      .insertInto('list_member_blocks')
      .values(chunk.map((b) => ({ list_id: listId, first_id: b.firstId, n: b.n, ids: b.ids })))
      .execute(),
  );
  await insertChunked(linkBlocks(rows), (chunk) =>
    trx
      .insertInto('list_link_blocks')
      .values(chunk.map((b) => ({ list_id: listId, first_key: b.firstKey, n: b.n, body: b.body })))
      .execute(),
  );
  return rows.memberCount;
}

/** Everything stored for these lists: blocks, removal markers, cut edges (the `lists` rows are the caller's). */
export async function dropListStorage(db: DbOrTrx, listIds: string[]): Promise<void> {
  if (listIds.length === 0) return;
  for (const t of [
    'list_member_blocks',
    'list_link_blocks',
    'list_removed_members',
    'list_cut_links',
  ] as const)
    await db.deleteFrom(t).where('list_id', 'in', listIds).execute();
}

/** Removed members of a list within [from, to]. */
async function removedBetween(db: DbOrTrx, listId: string, from: Uint8Array, to: Uint8Array) {
  const rows = await db
    .selectFrom('list_removed_members')
    .select('member_id')
    .where('list_id', '=', listId)
    .where('member_id', '>=', from)
    .where('member_id', '<=', to)
    .execute();
  return new Set(rows.map((r) => Buffer.from(r.member_id).toString('hex')));
}

/** The blocks from the one holding `after` (or the first) on, `count` of them, after block `past` if given. */
async function blocksFrom(
  db: DbOrTrx,
  listId: string,
  after: Buffer | null,
  past: Buffer | null,
  count: number,
) {
  let q = db
    .selectFrom('list_member_blocks')
    .select(['first_id', 'n', 'ids'])
    .where('list_id', '=', listId)
    .orderBy('first_id')
    .limit(count);
  if (past) q = q.where('first_id', '>', past);
  else if (after) {
    const holder = sql<Uint8Array>`(select first_id from list_member_blocks
      where list_id = ${listId}::uuid and first_id <= ${after} order by first_id desc limit 1)`;
    q = q.where('first_id', '>=', sql<Uint8Array>`coalesce(${holder}, ''::bytea)`);
  }
  return q.execute();
}

/**
 * Up to `limit` current members after `after` (exclusive) in id order, and whether more follow. A cursor is a
 * member id, so it stays valid when members before or after it are removed.
 */
export async function listPage(
  db: DbOrTrx,
  listId: string,
  after: Buffer | null,
  limit: number,
): Promise<{ ids: Buffer[]; more: boolean }> {
  const want = Math.ceil((limit + 1) / MEMBERS_PER_BLOCK) + 1;
  const ids: Buffer[] = [];
  let past: Buffer | null = null;
  for (;;) {
    const blocks = await blocksFrom(db, listId, after, past, want);
    const first = blocks[0];
    const last = blocks[blocks.length - 1];
    if (!first || !last) return { ids, more: false };
    const lastId = Buffer.from(last.ids).subarray((last.n - 1) * 16, last.n * 16);
    const removed = await removedBetween(db, listId, first.first_id, lastId);
    for (const b of blocks) {
      const block = Buffer.from(b.ids);
      for (let i = 0; i < b.n; i++) {
        if (after && compare16(block, i * 16, after, 0) <= 0) continue;
        const id = block.subarray(i * 16, i * 16 + 16);
        if (removed.has(id.toString('hex'))) continue;
        if (ids.length === limit) return { ids, more: true };
        ids.push(id);
      }
    }
    if (blocks.length < want) return { ids, more: false };
    past = Buffer.from(last.first_id);
  }
}

/** Every current member of a list, in id order, as hex (tests, small lists). */
export async function listMemberHex(db: DbOrTrx, listId: string): Promise<string[]> {
  const out: string[] = [];
  let after: Buffer | null = null;
  for (;;) {
    const page = await listPage(db, listId, after, 10_000);
    for (const id of page.ids) out.push(id.toString('hex'));
    after = page.ids[page.ids.length - 1] ?? null;
    if (!page.more) return out;
  }
}
