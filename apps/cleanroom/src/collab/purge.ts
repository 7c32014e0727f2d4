// Deleting collaboration data: one member's (leaving) or everyone's (the collaboration ends or expires).
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';
import { dropTokenTable } from '../ingest/token-table.ts';
import { removeDerivedMembers } from '../lists/derived.ts';
import { dropListStorage } from '../lists/store.ts';
import { memberIds } from './members.ts';

/**
 * Ends or expires a collaboration: every member's data in it is deleted. `unsafe`: it checks no partner's right to
 * do so — the callers (a member leaving, the retention sweep) have already decided that this collaboration ends.
 */
export async function unsafeEndCollaboration(
  trx: Transaction<Database>,
  now: Date,
  collaborationId: string,
  status: 'ended' | 'expired',
) {
  const members = await memberIds(trx, collaborationId);
  let tables = 0;
  for (const partnerId of members)
    tables += (await unsafePurgeMemberData(trx, now, collaborationId, partnerId)).publications;
  await trx.updateTable('collaborations').set({ status }).where('id', '=', collaborationId).execute();
  await trx
    .updateTable('collaboration_members')
    .set({ wrapped_secret: null })
    .where('collaboration_id', '=', collaborationId)
    .execute();
  await appendAudit(trx, now, {
    action: `collaboration.${status}`,
    actorId: null,
    collaborationId,
    partnerIds: members,
    details: { publicationsDeleted: tables },
  });
}

/**
 * Deletes a member's publications (all versions) and the lists delivered to it in one collaboration. `unsafe`: not
 * scoped to the caller — the caller has established that this partner is leaving (or is removed by the operator).
 */
export async function unsafePurgeMemberData(
  trx: Transaction<Database>,
  now: Date,
  collaborationId: string,
  partnerId: string,
) {
  const pubs = await trx
    .selectFrom('publications')
    .select('id')
    .where((eb) => eb.and({ collaboration_id: collaborationId, owner_id: partnerId }))
    .execute();
  const pubIds = pubs.map((p) => p.id);
  if (pubIds.length > 0) await deletePublications(trx, now, collaborationId, pubIds);
  const lists = await trx
    .selectFrom('lists')
    .select('id')
    .where((eb) => eb.and({ collaboration_id: collaborationId, receiver_id: partnerId }))
    .execute();
  if (lists.length > 0) {
    const ids = lists.map((l) => l.id);
    await dropListStorage(trx, ids);
    await trx.deleteFrom('lists').where('id', 'in', ids).execute();
  }
  return { publications: pubIds.length, lists: lists.length };
}

/** Publications with every version: token tables, batches, and what other members' lists owe to them. */
async function deletePublications(
  trx: Transaction<Database>,
  now: Date,
  collaborationId: string,
  pubIds: string[],
) {
  const versions = await trx
    .selectFrom('publication_versions')
    .select('id')
    .where('publication_id', 'in', pubIds)
    .execute();
  for (const v of versions) await dropTokenTable(trx, v.id);
  // Lists the other members received lose everyone matched only through the leaver's data.
  for (const id of pubIds) {
    await removeDerivedMembers(trx, now, { publicationId: id, collaborationId, memberIds: null });
  }
  if (versions.length > 0) {
    await trx
      .deleteFrom('publication_batches')
      .where(
        'version_id',
        'in',
        versions.map((v) => v.id),
      )
      .execute();
  }
  await trx.deleteFrom('publication_versions').where('publication_id', 'in', pubIds).execute();
  await trx.deleteFrom('publications').where('id', 'in', pubIds).execute();
}
