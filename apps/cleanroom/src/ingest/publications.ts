// Publications: begin a version, commit it (atomic switch of the live pointer), abort, directory.
import type { PublicationSummary } from '@concord/protocol/contract/publications';
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { appendAudit } from '../audit/log.ts';
import { requireActive } from '../collab/collaborations.ts';
import type { Database } from '../db/database.ts';
import { iso } from '../lib/encoding.ts';
import { buildVersionRun } from '../match/engine/engine.ts';
import type { PartnerIdentity } from '../partners/partners.ts';
import { createTokenTable, dropTokenTable, indexTokenTable, tokenTable } from './token-table.ts';

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

export async function commitPublication(
  trx: Transaction<Database>,
  now: Date,
  partner: PartnerIdentity,
  input: { versionId: string; batchCount: number; recordCount: number },
  pool?: pg.Pool,
) {
  const v = await ownedVersion(trx, partner.id, input.versionId, true);
  if (v.status === 'live' && v.committed_at && v.expires_at) {
    return committedOutput(
      v.publication_id,
      v.id,
      v.version,
      v.records,
      v.members,
      v.committed_at,
      v.expires_at,
    );
  }
  if (v.status !== 'uploading') throw new ConcordError('CONFLICT', `version is ${v.status}, not uploading`);
  const collab = await requireActive(trx, partner.id, v.collaboration_id, now);
  const stats = await trx
    .selectFrom('publication_batches')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.coalesce(eb.fn.sum<number>('records'), sql<number>`0`).as('records'),
      eb.fn.coalesce(eb.fn.max<number>('seq'), sql<number>`-1`).as('max_seq'),
      eb.fn.coalesce(eb.fn.sum<number>('members'), sql<number>`0`).as('members'),
    ])
    .where('version_id', '=', v.id)
    .executeTakeFirstOrThrow();
  if (
    Number(stats.n) !== input.batchCount ||
    Number(stats.max_seq) !== input.batchCount - 1 ||
    Number(stats.records) !== input.recordCount
  ) {
    throw new ConcordError('BAD_BATCH', 'stored batches do not match the commit', {
      storedBatches: Number(stats.n),
      storedRecords: Number(stats.records),
      expectedBatches: input.batchCount,
      expectedRecords: input.recordCount,
    });
  }
  // Counted while the batches streamed in (a member's records are contiguous within one batch): no rescan here.
  const members = Number(stats.members);
  await indexTokenTable(trx, v.id);
  // The engine's sorted run, read back from the committed batches (the version row is locked: none can land).
  await buildVersionRun(trx, pool, v.id, input.recordCount);
  // Fresh statistics so the planner sizes hash joins right from the first match.
  await sql`analyze ${tokenTable(v.id)}`.execute(trx);

  const pub = await trx
    .selectFrom('publications')
    .select(['id', 'live_version_id'])
    .where('id', '=', v.publication_id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (pub.live_version_id) await unsafeRetireVersion(trx, pub.live_version_id, 'superseded');
  const policy = await trx
    .selectFrom('publication_versions')
    .select(['lists_mask', 'k_min_by_purpose', 'retention_days'])
    .where('id', '=', v.id)
    .executeTakeFirstOrThrow();
  // The strictest retention wins: the collaboration's policy, the owner's own rule, the collaboration's end.
  const retentionDays = Math.min(
    collab.policy.retentionDays,
    policy.retention_days ?? Number.POSITIVE_INFINITY,
  );
  const retention = new Date(now.getTime() + retentionDays * 86_400_000);
  const expiresAt = retention < collab.row.expires_at ? retention : collab.row.expires_at;
  await trx
    .updateTable('publication_versions')
    .set({ status: 'live', records: input.recordCount, members, committed_at: now, expires_at: expiresAt })
    .where('id', '=', v.id)
    .execute();
  await trx
    .updateTable('publications')
    .set({
      live_version_id: v.id,
      lists_mask: policy.lists_mask,
      k_min_by_purpose: policy.k_min_by_purpose ? JSON.stringify(policy.k_min_by_purpose) : null,
    })
    .where('id', '=', pub.id)
    .execute();
  await trx.deleteFrom('publication_batches').where('version_id', '=', v.id).execute();
  await appendAudit(trx, now, {
    action: 'publication.committed',
    actorId: partner.id,
    collaborationId: v.collaboration_id,
    partnerIds: [partner.id],
    details: {
      publicationId: pub.id,
      versionId: v.id,
      version: v.version,
      records: input.recordCount,
      members,
      replaced: pub.live_version_id,
    },
  });
  return committedOutput(pub.id, v.id, v.version, input.recordCount, members, now, expiresAt);
}

function committedOutput(
  publicationId: string,
  versionId: string,
  version: number,
  records: number,
  members: number,
  committedAt: Date,
  expiresAt: Date,
) {
  return {
    publicationId,
    versionId,
    version,
    records: Number(records),
    members: Number(members),
    committedAt: iso(committedAt),
    expiresAt: iso(expiresAt),
  };
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
    .where('collaboration_id', '=', collaborationId)
    .where('partner_id', '=', partnerId)
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
