// Committing a publication version: check the stored batches against the commit, index the token table, build
// the engine's run, then switch the live pointer atomically (the superseded version is retired in the same
// transaction).
import { ConcordError } from '@concord/protocol/errors';
import { sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { appendAudit } from '../audit/log.ts';
import { type ActiveCollaboration, requireActive } from '../collab/collaborations.ts';
import type { Database } from '../db/database.ts';
import { iso } from '../lib/encoding.ts';
import { buildVersionRun } from '../match/engine/engine.ts';
import type { PartnerIdentity } from '../partners/partners.ts';
import { isSharded } from '../shard/layout.ts';
import { ownedVersion, unsafeRetireVersion } from './publications.ts';
import { indexTokenTable, indexTokenTableBeside, tokenTable } from './token-table.ts';

type Version = Awaited<ReturnType<typeof ownedVersion>>;
interface CommitInput {
  versionId: string;
  batchCount: number;
  recordCount: number;
}

/** The stored batches must be exactly the ones the commit names; returns the members counted while they streamed. */
async function checkStoredBatches(
  trx: Transaction<Database>,
  v: Version,
  input: CommitInput,
): Promise<number> {
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
  return Number(stats.members);
}

/** The strictest retention wins: the collaboration's policy, the owner's own rule, the collaboration's end. */
function expiryOf(collab: ActiveCollaboration, retentionDays: number | null, now: Date): Date {
  const days = Math.min(collab.policy.retentionDays, retentionDays ?? Number.POSITIVE_INFINITY);
  const retention = new Date(now.getTime() + days * 86_400_000);
  return retention < collab.row.expires_at ? retention : collab.row.expires_at;
}

/** Switches the live pointer to the version (retiring the one it replaces); returns the publication row before. */
async function goLive(
  trx: Transaction<Database>,
  v: Version,
  collab: ActiveCollaboration,
  now: Date,
  counts: { records: number; members: number },
) {
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
  const expiresAt = expiryOf(collab, policy.retention_days, now);
  await trx
    .updateTable('publication_versions')
    .set({ status: 'live', ...counts, committed_at: now, expires_at: expiresAt })
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
  return { pub, expiresAt };
}

/**
 * The `mk` index (withdrawals), fresh statistics (the planner sizes hash joins right from the first SQL match)
 * and the engine's sorted run, built from the stored batches' keys (the version row is locked: none can land).
 * With a pool and a local table the index and statistics are built beside the run on another connection, in
 * parallel with the sort; otherwise one after the other in this transaction.
 */
async function indexAndBuildRun(
  trx: Transaction<Database>,
  pool: pg.Pool | undefined,
  versionId: string,
  input: CommitInput,
): Promise<void> {
  const beside = pool && !(await isSharded(trx)) ? indexTokenTableBeside(pool, versionId) : null;
  if (!beside) await indexTokenTable(trx, versionId);
  const expected = { records: input.recordCount, batches: input.batchCount };
  const [index, run] = await Promise.allSettled([beside, buildVersionRun(trx, pool, versionId, expected)]);
  if (index.status === 'rejected') throw index.reason;
  if (run.status === 'rejected') throw run.reason;
  if (!beside) await sql`analyze ${tokenTable(versionId)}`.execute(trx);
}

export async function commitPublication(
  trx: Transaction<Database>,
  now: Date,
  partner: PartnerIdentity,
  input: CommitInput,
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
  const members = await checkStoredBatches(trx, v, input);
  await indexAndBuildRun(trx, pool, v.id, input);

  const { pub, expiresAt } = await goLive(trx, v, collab, now, { records: input.recordCount, members });
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
