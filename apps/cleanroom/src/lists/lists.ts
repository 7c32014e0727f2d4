// Lists delivered to a partner: only the receiver sees them, and they hold only its own members' ids.
import type { ListSummary } from '@concord/protocol/contract/lists';
import { fromHex, toHex } from '@concord/protocol/encoding';
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely, Selectable } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';
import type { ListTable } from '../db/tables/match.table.ts';
import { iso } from '../lib/encoding.ts';
import type { PartnerIdentity } from '../partners/partners.ts';
import { listPage } from './store.ts';

function summary(r: Selectable<ListTable>): ListSummary {
  return {
    id: r.id,
    collaborationId: r.collaboration_id,
    matchId: r.match_id,
    kind: r.kind,
    publicationId: r.publication_id,
    versionId: r.version_id,
    counterpartPublicationIds: r.counterpart_publication_ids,
    requesterId: r.requester_id,
    purpose: r.purpose,
    offer: r.offer,
    size: r.size,
    createdAt: iso(r.created_at),
    expiresAt: iso(r.expires_at),
  };
}

export async function listLists(db: Kysely<Database>, partner: PartnerIdentity, collaborationId?: string) {
  let q = db
    .selectFrom('lists')
    .selectAll()
    .where('receiver_id', '=', partner.id)
    .orderBy('created_at', 'desc');
  if (collaborationId) q = q.where('collaboration_id', '=', collaborationId);
  return { lists: (await q.execute()).map(summary) };
}

export async function fetchList(
  db: Kysely<Database>,
  now: Date,
  partner: PartnerIdentity,
  input: { listId: string; cursor?: string | null | undefined; limit: number },
) {
  const list = await db.selectFrom('lists').selectAll().where('id', '=', input.listId).executeTakeFirst();
  // Another partner's list is indistinguishable from a missing one.
  if (!list || list.receiver_id !== partner.id) throw new ConcordError('NOT_FOUND', 'no such list');
  if (list.expires_at <= now) throw new ConcordError('EXPIRED', 'this list has expired');
  if (input.cursor && !/^[0-9a-f]{32}$/.test(input.cursor)) throw new ConcordError('BAD_INPUT', 'bad cursor');
  const after = input.cursor ? Buffer.from(fromHex(input.cursor)) : null;
  const rows = await listPage(db, list.id, after, input.limit);
  const page = rows.ids.map((id) => toHex(id));
  if (!input.cursor) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, now, {
        action: 'list.fetched',
        actorId: partner.id,
        collaborationId: list.collaboration_id,
        partnerIds: [partner.id],
        details: { listId: list.id, kind: list.kind },
      }),
    );
  }
  return {
    list: summary(list),
    memberIds: page,
    nextCursor: rows.more ? (page[page.length - 1] ?? null) : null,
  };
}
