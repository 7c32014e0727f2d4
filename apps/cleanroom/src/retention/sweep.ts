// Retention: expires collaborations, published versions and lists past their dates, and aborts stale uploads.
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import { unsafeEndCollaboration } from '../collab/purge.ts';
import type { Database } from '../db/database.ts';
import { unsafeRetireVersion } from '../ingest/publications.ts';
import { dropListStorage } from '../lists/store.ts';

/** Uploads untouched for this long are abandoned: their staging table is dropped. */
export const ABANDONED_UPLOAD_MS = 24 * 3_600_000;
/** Idempotency keys are kept this long; a client retrying later than that gets a fresh execution. */
export const IDEMPOTENCY_TTL_MS = 7 * 24 * 3_600_000;
/** List removals stay this long for receivers to pull (`lists.removals`). */
export const REMOVALS_TTL_MS = 30 * 24 * 3_600_000;

export interface SweepResult {
  expiredCollaborations: number;
  expiredVersions: number;
  abandonedUploads: number;
  expiredLists: number;
}

export async function sweep(db: Kysely<Database>, now: Date): Promise<SweepResult> {
  const expiredCollaborations = await expireCollaborations(db, now);
  const { expiredVersions, abandonedUploads } = await retireVersions(db, now);
  const expiredLists = await expireLists(db, now);
  // Receivers pull removals within seconds; a month covers a node that was down for a long time.
  await db
    .deleteFrom('list_removals')
    .where('removed_at', '<', new Date(now.getTime() - REMOVALS_TTL_MS))
    .execute();
  await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_TTL_MS))
    .execute();
  return { expiredCollaborations, expiredVersions, abandonedUploads, expiredLists };
}

/** Collaborations past their expiry end for everyone, one transaction each. */
async function expireCollaborations(db: Kysely<Database>, now: Date): Promise<number> {
  const collabs = await db
    .selectFrom('collaborations')
    .select('id')
    .where('expires_at', '<=', now)
    .where('status', 'in', ['pending', 'active', 'suspended'])
    .execute();
  for (const c of collabs) {
    await db.transaction().execute((trx) => unsafeEndCollaboration(trx, now, c.id, 'expired'));
  }
  return collabs.length;
}

/** Live versions past their expiry are expired; uploads untouched for ABANDONED_UPLOAD_MS are aborted. */
async function retireVersions(db: Kysely<Database>, now: Date) {
  const out = { expiredVersions: 0, abandonedUploads: 0 };
  const versions = await db
    .selectFrom('publication_versions as v')
    .innerJoin('publications as p', 'p.id', 'v.publication_id')
    .select(['v.id', 'v.status', 'p.owner_id', 'p.collaboration_id', 'p.id as publication_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('v.status', '=', 'live'), eb('v.expires_at', '<=', now)]),
        eb.and([
          eb('v.status', '=', 'uploading'),
          eb('v.created_at', '<=', new Date(now.getTime() - ABANDONED_UPLOAD_MS)),
        ]),
      ]),
    )
    .execute();
  for (const v of versions) {
    await db.transaction().execute(async (trx) => {
      await unsafeRetireVersion(trx, v.id, v.status === 'live' ? 'expired' : 'aborted');
      await appendAudit(trx, now, {
        action: v.status === 'live' ? 'publication.expired' : 'publication.abandoned',
        actorId: null,
        collaborationId: v.collaboration_id,
        partnerIds: [v.owner_id],
        details: { publicationId: v.publication_id, versionId: v.id },
      });
    });
    if (v.status === 'live') out.expiredVersions++;
    else out.abandonedUploads++;
  }
  return out;
}

/** The list rows stay (provenance, EXPIRED answers); their member ids go. */
async function expireLists(db: Kysely<Database>, now: Date): Promise<number> {
  const lists = await db
    .selectFrom('lists')
    .select('id')
    .where('expires_at', '<=', now)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('list_member_blocks')
          .select('list_id')
          .whereRef('list_member_blocks.list_id', '=', 'lists.id'),
      ),
    )
    .execute();
  if (lists.length === 0) return 0;
  const ids = lists.map((l) => l.id);
  await db.transaction().execute((trx) => dropListStorage(trx, ids));
  return lists.length;
}
