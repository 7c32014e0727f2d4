// Delivering a list: the receiver's matched members into list_members and the match edges into list_links,
// computed by the engine (exact on the full token) and written sorted in primary-key order, one bytea parameter
// per statement sliced into rows by Postgres (as ingest/batches.ts does on PGlite): no per-row parameters, and
// all inside the match transaction, so the list stays invisible until it commits. Also the list row itself.
import { sql, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/database.ts';
import { tokenTable } from '../ingest/token-table.ts';
import { engineListRows } from './engine/engine.ts';
import { LINK_SIZE, type ListRows } from './engine/list-rows.ts';
import type { Side } from './match.ts';

/** Rows per statement: 3.3 MB of links or 1.6 MB of members a parameter. */
const ROWS_PER_INSERT = 100_000;

async function insertLinks(
  trx: Transaction<Database>,
  listId: string,
  counterparts: string[],
  rows: ListRows,
) {
  const ids = counterparts.join(',');
  for (let from = 0; from < rows.linkCount; from += ROWS_PER_INSERT) {
    const count = Math.min(ROWS_PER_INSERT, rows.linkCount - from);
    const b = rows.links.subarray(from * LINK_SIZE, (from + count) * LINK_SIZE);
    await sql`
      insert into list_links (list_id, member_id, counterpart_publication_id, counterpart_member_id)
      select ${listId}::uuid, substring(b from o + 1 for 16),
             (string_to_array(${ids}, ','))[get_byte(b, o + 32) + 1]::uuid, substring(b from o + 17 for 16)
      from (select ${b}::bytea as b) p,
           lateral generate_series(0, ${count - 1}) i,
           lateral (select i * ${LINK_SIZE} as o) x`.execute(trx);
  }
}

async function insertMembers(trx: Transaction<Database>, listId: string, rows: ListRows) {
  for (let from = 0; from < rows.memberCount; from += ROWS_PER_INSERT) {
    const count = Math.min(ROWS_PER_INSERT, rows.memberCount - from);
    const b = rows.members.subarray(from * 16, (from + count) * 16);
    await sql`
      insert into list_members (list_id, member_id)
      select ${listId}::uuid, substring(b from i * 16 + 1 for 16)
      from (select ${b}::bytea as b) p, lateral generate_series(0, ${count - 1}) i`.execute(trx);
  }
}

/** Stores the list's links (counterpart i of a row = `counterpartPublicationIds[i]`) and members; returns members. */
export async function writeListRows(
  trx: Transaction<Database>,
  listId: string,
  counterpartPublicationIds: string[],
  rows: ListRows,
): Promise<number> {
  await insertLinks(trx, listId, counterpartPublicationIds, rows);
  await insertMembers(trx, listId, rows);
  return rows.memberCount;
}

/**
 * Writes the receiver's matched members into list_members and, for each, the counterpart members it matched
 * (list_links: exact 32-byte tokens, both purpose masks allowing the purpose) — the provenance that lets a
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
  return writeListRows(
    trx,
    listId,
    counterparts.map((c) => c.publicationId),
    rows,
  );
}

/** The list written by one exact SQL join per counterpart. */
export async function deliverListSql(
  trx: Transaction<Database>,
  listId: string,
  receiver: Pick<Side, 'versionId'>,
  counterparts: Pick<Side, 'versionId' | 'publicationId'>[],
  bit: number,
): Promise<number> {
  for (const c of counterparts) {
    await sql`
      insert into list_links (list_id, member_id, counterpart_publication_id, counterpart_member_id)
      select distinct ${listId}::uuid, a.member_id, ${c.publicationId}::uuid, b.member_id
      from ${tokenTable(receiver.versionId)} a
      join ${tokenTable(c.versionId)} b on b.tk = a.tk and b.token = a.token
      where a.purpose_mask & ${bit} <> 0 and b.purpose_mask & ${bit} <> 0`.execute(trx);
  }
  const res = await sql`
    insert into list_members (list_id, member_id)
    select distinct list_id, member_id from list_links where list_id = ${listId}::uuid
  `.execute(trx);
  return Number(res.numAffectedRows ?? 0);
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
  await trx.deleteFrom('list_members').where('list_id', '=', listId).execute();
  await trx.deleteFrom('list_links').where('list_id', '=', listId).execute();
}
