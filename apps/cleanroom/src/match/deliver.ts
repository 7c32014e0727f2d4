// Delivering a list: the receiver's matched members and the match edges, computed by the engine (exact on the full
// token) and stored as blocks (lists/blocks.ts: a few thousand rows for 5M members instead of 10M rows and their
// B-trees), all inside the match transaction, so the list stays invisible until it commits. Also the list row.
import { sql, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/database.ts';
import { tokenTable } from '../ingest/token-table.ts';
import { bytes } from '../lib/encoding.ts';
import { dropListStorage, writeListBlocks } from '../lists/store.ts';
import { engineListRows } from './engine/engine.ts';
import { LINK_SIZE, type ListRows } from './engine/list-rows.ts';
import type { Side } from './match.ts';

/**
 * Stores the receiver's matched members and, for each, the counterpart members it matched
 * (edge blocks: exact 32-byte tokens, both purpose masks allowing the purpose) — the provenance that lets a
 * withdrawal on the other side reach this list later. From the engine's runs when every version has them with
 * tails, else the SQL join (deliverListSql, the reference the engine is tested against). Returns how many members.
 */
export async function deliverList(
  trx: Transaction<Database>,
  listId: string,
  receiver: Side,
  counterparts: Side[],
  bit: number,
  pool?: pg.Pool,
): Promise<number> {
  const rows = await engineListRows(
    trx,
    receiver.versionId,
    counterparts.map((c) => c.versionId),
    bit,
    pool,
  );
  if (!rows) return deliverListSql(trx, listId, receiver, counterparts, bit);
  return writeListBlocks(trx, listId, rows);
}

/** The edges as engine link rows (member | counterpart member | counterpart index), grouped by member. */
function packRows(edges: ReadonlyArray<{ m: Uint8Array; cpm: Uint8Array; c: number }>): ListRows {
  const links = Buffer.alloc(edges.length * LINK_SIZE);
  const members: Buffer[] = [];
  edges.forEach((e, r) => {
    links.set(bytes(e.m), r * LINK_SIZE);
    links.set(bytes(e.cpm), r * LINK_SIZE + 16);
    links.writeUInt32LE(e.c, r * LINK_SIZE + 32);
    const prev = edges[r - 1];
    if (!prev || Buffer.compare(bytes(prev.m), bytes(e.m)) !== 0) members.push(Buffer.from(e.m));
  });
  return { links, linkCount: edges.length, members: Buffer.concat(members), memberCount: members.length };
}

/** The list written from one exact SQL join per counterpart (versions without engine runs; the engine's reference). */
export async function deliverListSql(
  trx: Transaction<Database>,
  listId: string,
  receiver: Pick<Side, 'versionId'>,
  counterparts: Pick<Side, 'versionId' | 'publicationId'>[],
  bit: number,
): Promise<number> {
  const joins = counterparts
    .map(
      (c, i) => sql`
        select distinct a.member_id as m, b.member_id as cpm, ${i}::int as c
        from ${tokenTable(receiver.versionId)} a
        join ${tokenTable(c.versionId)} b on b.tk = a.tk and b.token = a.token
        where a.purpose_mask & ${bit} <> 0 and b.purpose_mask & ${bit} <> 0`,
    )
    .reduce((acc, q) => sql`${acc} union all ${q}`);
  const { rows } = await sql<{ m: Uint8Array; cpm: Uint8Array; c: number }>`
    select m, cpm, c from (${joins}) e order by m, c, cpm`.execute(trx);
  return writeListBlocks(trx, listId, packRows(rows));
}

export async function insertList(
  trx: Transaction<Database>,
  l: {
    id: string;
    matchId: string;
    collaborationId: string;
    kind: 'cross_sell' | 'referral';
    receiver: Side;
    requesterId: string;
    counterparts: Side[];
    purpose: string;
    offer: { title: string; description: string } | null;
    size: number;
    now: Date;
    expiresAt: Date;
  },
) {
  await trx
    .insertInto('lists')
    .values({
      id: l.id,
      collaboration_id: l.collaborationId,
      match_id: l.matchId,
      kind: l.kind,
      receiver_id: l.receiver.ownerId,
      requester_id: l.requesterId,
      publication_id: l.receiver.publicationId,
      version_id: l.receiver.versionId,
      counterpart_publication_ids: JSON.stringify(l.counterparts.map((c) => c.publicationId)),
      purpose: l.purpose,
      offer: l.offer ? JSON.stringify(l.offer) : null,
      size: l.size,
      created_at: l.now,
      expires_at: l.expiresAt,
    })
    .execute();
}

/** Removes what an undelivered attempt wrote (a referral list below kMin): nothing of it is kept. */
export async function discardList(trx: Transaction<Database>, listId: string): Promise<void> {
  await dropListStorage(trx, [listId]);
}
