// Retention: expires collaborations, published versions and lists past their dates, and aborts stale uploads.
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import { unsafeEndCollaboration } from '../collab/collaborations.ts';
import type { Database } from '../db/database.ts';
import { unsafeRetireVersion } from '../ingest/publications.ts';
import { dropListLinks } from '../lists/derived.ts';

/** Uploads untouched for this long are abandoned: their staging table is dropped. */
export const ABANDONED_UPLOAD_MS = 24 * 3_600_000;
/** Idempotency keys are kept this long; a client retrying later than that gets a fresh execution. */
export const IDEMPOTENCY_TTL_MS = 7 * 24 * 3_600_000;
/** List removals stay this long for receivers to pull (`lists.removals`). */
export const REMOVALS_TTL_MS = 30 * 24 * 3_600_000;

export async function sweep(db: Kysely<Database>, now: Date) {
  const out = { expiredCollaborations: 0, expiredVersions: 0, abandonedUploads: 0, expiredLists: 0 };
  const collabs = await db
    .selectFrom('collaborations')
    .select('id')
    .where('expires_at', '<=', now)
    .where('status', 'in', ['pending', 'active', 'suspended'])
    .execute();
  for (const c of collabs) {
    await db.transaction().execute((trx) => unsafeEndCollaboration(trx, now, c.id, 'expired'));
    out.expiredCollaborations++;
  }
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
  // The list rows stay (provenance, EXPIRED answers); their member ids go.
  const lists = await db
    .selectFrom('lists')
    .select('id')
    .where('expires_at', '<=', now)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('list_members').select('list_id').whereRef('list_members.list_id', '=', 'lists.id')),
    )
    .execute();
  if (lists.length > 0) {
    await db
      .deleteFrom('list_members')
      .where(
        'list_id',
        'in',
        lists.map((l) => l.id),
      )
      .execute();
    await db.transaction().execute((trx) =>
      dropListLinks(
        trx,
        lists.map((l) => l.id),
      ),
    );
    out.expiredLists = lists.length;
  }
  // Receivers pull removals within seconds; a month covers a node that was down for a long time.
  await db
    .deleteFrom('list_removals')
    .where('removed_at', '<', new Date(now.getTime() - REMOVALS_TTL_MS))
    .execute();
  await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_TTL_MS))
    .execute();
  return out;
}
