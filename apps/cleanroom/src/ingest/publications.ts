// Publications: begin a version, commit it (atomic switch of the live pointer), abort, directory.
import type { PublicationSummary } from '@concord/protocol/contract/publications';
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely, Transaction } from 'kysely';
import { requireActive } from '../collab/collaborations.ts';
import type { Database } from '../db/database.ts';
import { iso } from '../lib/encoding.ts';
import type { PartnerIdentity } from '../partners/partners.ts';
import { createTokenTable, dropTokenTable } from './token-table.ts';

type DbOrTrx = Kysely<Database> | Transaction<Database>;

export async function beginPublication(
  trx: Transaction<Database>,
  now: Date,
  partner: PartnerIdentity,
  input: {
    collaborationId: string;
    segmentKey: string;
    name: string;
    description: string;
    kMin?: number | undefined;
    listsMask?: number | undefined;
    kMinByPurpose?: number[] | undefined;
    retentionDays?: number | undefined;
  },
) {
  await requireActive(trx, partner.id, input.collaborationId, now);
  const existing = await trx
    .selectFrom('publications')
    .select('id')
    .where('collaboration_id', '=', input.collaborationId)
    .where('owner_id', '=', partner.id)
    .where('segment_key', '=', input.segmentKey)
    .forUpdate()
    .executeTakeFirst();
  const meta = { name: input.name, description: input.description, k_min: input.kMin ?? null };
  const pub = existing
    ? await trx
        .updateTable('publications')
        .set(meta)
        .where('id', '=', existing.id)
        .returning('id')
        .executeTakeFirstOrThrow()
    : await trx
        .insertInto('publications')
        .values({
          ...meta,
          collaboration_id: input.collaborationId,
          owner_id: partner.id,
          segment_key: input.segmentKey,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
  const last = await trx
    .selectFrom('publication_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('publication_id', '=', pub.id)
    .executeTakeFirst();
  const version = await trx
    .insertInto('publication_versions')
    .values({
      publication_id: pub.id,
      version: Number(last?.v ?? 0) + 1,
      status: 'uploading',
      // The owner's rules travel with the version and take over the publication when it goes live.
      lists_mask: input.listsMask ?? null,
      k_min_by_purpose: input.kMinByPurpose ? JSON.stringify(input.kMinByPurpose) : null,
      retention_days: input.retentionDays ?? null,
      created_at: now,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  await createTokenTable(trx, version.id);
  return {
    publicationId: pub.id,
    versionId: version.id,
    version: version.version,
    status: 'uploading' as const,
    receivedBatches: [] as number[],
    uploadPath: `/v1/versions/${version.id}/batches`,
  };
}

/** Current state of a version for its owner (used to refresh replayed begin responses). */
export async function versionProgress(db: DbOrTrx, versionId: string) {
  const v = await db
    .selectFrom('publication_versions')
    .select('status')
    .where('id', '=', versionId)
    .executeTakeFirst();
  const batches = await db
    .selectFrom('publication_batches')
    .select('seq')
    .where('version_id', '=', versionId)
    .orderBy('seq')
    .execute();
  return { status: v?.status ?? ('aborted' as const), receivedBatches: batches.map((b) => b.seq) };
}

/** The version and its publication, visible only to the publication's owner (NOT_FOUND otherwise). */
export async function ownedVersion(db: DbOrTrx, partnerId: string, versionId: string, lock = false) {
  let q = db
    .selectFrom('publication_versions as v')
    .innerJoin('publications as p', 'p.id', 'v.publication_id')
    .select([
      'v.id',
      'v.version',
      'v.status',
      'v.records',
      'v.members',
      'v.committed_at',
      'v.expires_at',
      'p.id as publication_id',
      'p.owner_id',
      'p.collaboration_id',
      'p.live_version_id',
    ])
    .where('v.id', '=', versionId);
  if (lock) q = q.forUpdate();
  const v = await q.executeTakeFirst();
  if (!v || v.owner_id !== partnerId) throw new ConcordError('NOT_FOUND', 'no such publication version');
  return v;
}

/**
 * Drops a version's tokens and marks it; the caller holds the publication lock. `unsafe`: no owner check here — the
 * callers (publish's version switch, expiry) have already scoped the version to its owner or to the sweep.
 */
export async function unsafeRetireVersion(
  trx: Transaction<Database>,
  versionId: string,
  status: 'superseded' | 'aborted' | 'expired',
) {
  await dropTokenTable(trx, versionId);
  await trx.deleteFrom('publication_batches').where('version_id', '=', versionId).execute();
  await trx.updateTable('publication_versions').set({ status }).where('id', '=', versionId).execute();
  await trx
    .updateTable('publications')
    .set({ live_version_id: null })
    .where('live_version_id', '=', versionId)
    .execute();
}

export async function abortPublication(
  trx: Transaction<Database>,
  partner: PartnerIdentity,
  versionId: string,
) {
  const v = await ownedVersion(trx, partner.id, versionId, true);
  if (v.status === 'aborted') return { versionId, status: 'aborted' as const };
  if (v.status !== 'uploading') throw new ConcordError('CONFLICT', `version is ${v.status}, not uploading`);
  await unsafeRetireVersion(trx, v.id, 'aborted');
  return { versionId, status: 'aborted' as const };
}

export function sizeBand(members: number): PublicationSummary['sizeBand'] {
  if (members < 1_000) return '<1k';
  if (members < 10_000) return '1k-10k';
  if (members < 100_000) return '10k-100k';
  if (members < 1_000_000) return '100k-1M';
  if (members < 10_000_000) return '1M-10M';
  return '>=10M';
}

/** Publications of a collaboration, for a current member: size bands for others, exact figures for its own. */
export async function listPublications(db: DbOrTrx, partnerId: string, collaborationId: string) {
  const me = await db
    .selectFrom('collaboration_members')
    .select('status')
    .where((eb) => eb.and({ collaboration_id: collaborationId, partner_id: partnerId }))
    .executeTakeFirst();
  if (!me || me.status === 'left') throw new ConcordError('NOT_FOUND', 'no such collaboration');
  const rows = await db
    .selectFrom('publications as p')
    .leftJoin('publication_versions as v', 'v.id', 'p.live_version_id')
    .select([
      'p.id',
      'p.collaboration_id',
      'p.owner_id',
      'p.segment_key',
      'p.name',
      'p.description',
      'v.version',
      'v.members',
      'v.committed_at',
      'v.expires_at',
    ])
    .where('p.collaboration_id', '=', collaborationId)
    .orderBy('p.created_at')
    .execute();
  const publications: PublicationSummary[] = rows.map((r) => {
    const own = r.owner_id === partnerId;
    const live = r.version !== null;
    return {
      id: r.id,
      collaborationId: r.collaboration_id,
      ownerId: r.owner_id,
      name: r.name,
      description: r.description,
      liveVersion: live ? Number(r.version) : null,
      sizeBand: live ? sizeBand(Number(r.members)) : null,
      committedAt: r.committed_at ? iso(r.committed_at) : null,
      expiresAt: r.expires_at ? iso(r.expires_at) : null,
      segmentKey: own ? r.segment_key : null,
      members: own && live ? Number(r.members) : null,
    };
  });
  return { publications };
}
