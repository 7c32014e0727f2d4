// Bench scaffolding shared by the clean room benches: a scratch concord_bench_* database, and a synthetic `lists`
// row (also used by the list tests) for storing a list without running a match.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ListTable } from '../src/db/tables/match.table.ts';

/** Creates a concord_bench_* database on `server`; the admin client drops it at the end. */
export async function createBenchDatabase(server: string) {
  const dbName = `concord_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  const url = new URL(server);
  url.pathname = `/${dbName}`;
  return { dbName, admin, url: url.toString() };
}

/** A cross-sell `lists` row delivered from `publicationId`, derived from `counterpartIds`, valid for a day. */
export function syntheticListRow(
  listId: string,
  publicationId: string,
  counterpartIds: string[],
  extra: { collaborationId?: string; receiverId?: string; size?: number } = {},
) {
  const now = new Date();
  return {
    id: listId,
    collaboration_id: extra.collaborationId ?? randomUUID(),
    match_id: randomUUID(),
    kind: 'cross_sell' as ListTable['kind'],
    receiver_id: extra.receiverId ?? randomUUID(),
    requester_id: extra.receiverId ?? randomUUID(),
    publication_id: publicationId,
    version_id: randomUUID(),
    counterpart_publication_ids: JSON.stringify(counterpartIds),
    purpose: 'marketing.cross_sell.partner_offers',
    offer: null,
    size: extra.size ?? 0,
    created_at: now,
    expires_at: new Date(now.getTime() + 86_400_000),
  };
}
