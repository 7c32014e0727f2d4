// Publishing a segment into a collaboration (DESIGN §5): plan, consent snapshot, tokenize + upload, commit + record.
// The steps live in publish-snapshot.ts, publish-upload.ts and publish-commit.ts; this file runs them in order.

import { ConcordError } from '@concord/protocol/errors';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { assertSegmentPublishable } from '../crm/demographics/release.ts';
import type { Database } from '../db/database.ts';
import type { Collaboration } from '../db/tables/collab.table.ts';
import { syncCollaboration } from './collaborations.ts';
import type { FederationDeps } from './deps.ts';
import { nodeIdentity } from './identity.ts';
import { publishPolicy, recipientsOf } from './policy.ts';
import { recordCommit } from './publish-commit.ts';
import { takeSnapshot } from './publish-snapshot.ts';
import { makeTokenizer, uploadMembers } from './publish-upload.ts';
import type { Recipient } from './sources.ts';

export type { Actor };

export interface PublishInput {
  collaborationId: string;
  segmentId: string;
  actor: Actor;
}

export interface PublishReport {
  publicationId: string;
  cleanroomPublicationId: string;
  version: number;
  segmentSize: number;
  /** Members published (eligible customers with at least one valid identifier). */
  published: number;
  tokens: number;
  /** Excluded customers by reason: consent reasons from eligibility, plus `no_identifier`/`invalid_identifier`. */
  excluded: Record<string, number>;
  /** Identifiers that failed normalization, by identity reason code (the customer may still be published). */
  invalidIdentifiers: Record<string, number>;
  /** Where the time went, ms: consent snapshot, reading pages + tokenizing + member map, uploads, commit. */
  timings: { snapshotMs: number; pagesMs: number; uploadMs: number; commitMs: number };
}

type Timings = PublishReport['timings'];

/** Charges the time since the previous lap to one phase. */
function stopwatch(timings: Timings): (phase: keyof Timings) => void {
  let mark = performance.now();
  return (phase) => {
    const now = performance.now();
    timings[phase] += Math.round(now - mark);
    mark = now;
  };
}

/** Everything decided before any data moves: the collaboration, segment, recipients and the version it replaces. */
interface Plan {
  c: Collaboration;
  segment: { id: string; name: string; description: string | null };
  recipients: Recipient[];
  at: Date;
  previousId: string | null;
  pub: { id: string; started_at: Date };
}

async function planPublication(deps: FederationDeps, input: PublishInput): Promise<Plan> {
  const { db } = deps;
  const c = await syncCollaboration(deps, input.collaborationId);
  if (c.status !== 'active') throw new ConcordError('COLLABORATION_INACTIVE', `collaboration is ${c.status}`);
  const segment = await db
    .selectFrom('segment')
    .select(['id', 'name', 'description'])
    .where('id', '=', input.segmentId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!segment) throw new ConcordError('NOT_FOUND', 'no such segment');
  // Sensitive demographics never leave the node by inference either, unless compliance released them.
  await assertSegmentPublishable(db, segment.id, c.purposes);
  const me = await nodeIdentity(deps);
  const recipients = recipientsOf(c, me.partnerId);
  const at = deps.now();
  const previous = await db
    .selectFrom('publication')
    .select('id')
    .where('collaboration_id', '=', c.id)
    .where('segment_id', '=', segment.id)
    .where('status', '=', 'live')
    .orderBy('committed_at', 'desc')
    .executeTakeFirst();
  const pub = await db
    .insertInto('publication')
    .values({
      collaboration_id: c.id,
      segment_id: segment.id,
      segment_name: segment.name,
      status: 'uploading',
      purposes: JSON.stringify(c.purposes),
      published_by: input.actor.id,
      error: null,
      cleanroom_publication_id: null,
      cleanroom_version_id: null,
    })
    .returning(['id', 'started_at'])
    .executeTakeFirstOrThrow();
  return { c, segment, recipients, at, previousId: previous?.id ?? null, pub };
}

/** Opens the new version at the clean room with our rules attached: lists allowed, kMin per purpose, retention. */
async function beginVersion(deps: FederationDeps, p: Plan): Promise<string> {
  const policy = await publishPolicy(deps.db, p.c.purposes, p.at);
  const begun = await deps.cleanroom.beginPublication({
    collaborationId: p.c.id,
    segmentKey: p.segment.id,
    name: p.segment.name,
    description: p.segment.description ?? '',
    listsMask: policy.listsMask,
    kMinByPurpose: policy.kMinByPurpose,
    ...(policy.retentionDays !== undefined ? { retentionDays: policy.retentionDays } : {}),
  });
  await deps.db
    .updateTable('publication')
    .set({
      cleanroom_publication_id: begun.publicationId,
      cleanroom_version_id: begun.versionId,
      policy_sent: JSON.stringify({ listsMask: policy.listsMask, kMinByPurpose: policy.kMinByPurpose }),
    })
    .where('id', '=', p.pub.id)
    .execute();
  return begun.versionId;
}

/** A failed attempt: the old version stays live at the clean room; locally it leaves no member map behind. */
async function abandon(
  deps: FederationDeps,
  publicationId: string,
  versionId: string | null,
  error: unknown,
) {
  if (versionId) await deps.cleanroom.abortPublication({ versionId }).catch(() => undefined);
  await deps.db.deleteFrom('publication_member').where('publication_id', '=', publicationId).execute();
  await deps.db.deleteFrom('publication_candidate').where('publication_id', '=', publicationId).execute();
  await deps.db
    .updateTable('publication')
    .set({ status: 'failed', error: error instanceof Error ? error.message : String(error) })
    .where('id', '=', publicationId)
    .execute();
}

/** Publishes `segmentId` into a collaboration; the new version replaces the previous one atomically on commit. */
export async function publishSegment(deps: FederationDeps, input: PublishInput): Promise<PublishReport> {
  const p = await planPublication(deps, input);
  const tokenize = makeTokenizer(deps, p.c);
  let versionId: string | null = null;
  const timings: Timings = { snapshotMs: 0, pagesMs: 0, uploadMs: 0, commitMs: 0 };
  const lap = stopwatch(timings);
  try {
    const { segmentSize, excluded } = await takeSnapshot(deps.db, {
      publicationId: p.pub.id,
      segmentId: p.segment.id,
      purposes: p.c.purposes,
      recipients: p.recipients,
      at: p.at,
    });
    lap('snapshotMs');
    versionId = await beginVersion(deps, p);
    const upload = await uploadMembers(deps, {
      publicationId: p.pub.id,
      previousId: p.previousId,
      versionId,
      tokenize,
      excluded,
      lap,
    });
    lap('pagesMs');
    const committed = await deps.cleanroom.commitPublication({
      versionId,
      batchCount: upload.batches,
      recordCount: upload.records,
    });
    await recordCommit(deps, {
      publicationId: p.pub.id,
      startedAt: p.pub.started_at,
      collaborationId: p.c.id,
      segmentId: p.segment.id,
      actor: input.actor,
      at: p.at,
      committed,
      segmentSize,
      published: upload.published,
      tokens: upload.records,
      excluded,
    });
    lap('commitMs');
    return {
      publicationId: p.pub.id,
      cleanroomPublicationId: committed.publicationId,
      version: committed.version,
      segmentSize,
      published: upload.published,
      tokens: upload.records,
      excluded,
      invalidIdentifiers: upload.invalidIdentifiers,
      timings,
    };
  } catch (error) {
    await abandon(deps, p.pub.id, versionId, error);
    throw error;
  }
}

export function listPublications(db: Kysely<Database>, collaborationId?: string) {
  let q = db.selectFrom('publication').selectAll().orderBy('started_at', 'desc');
  if (collaborationId) q = q.where('collaboration_id', '=', collaborationId);
  return q.execute();
}
