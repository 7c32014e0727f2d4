// Match requests from this node: insight counts, cross-sell lists (fetched at once) and referral lists.

import type { MatchKind, RequestMatchOutput } from '@concord/protocol/contract/matches';
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import { auditActor } from '../auth/actor.ts';
import type { Database } from '../db/database.ts';
import { syncCollaboration } from './collaborations.ts';
import type { FederationDeps } from './deps.ts';
import { type FetchedList, fetchAudienceList } from './lists.ts';
import type { Actor } from './publish.ts';

export interface MatchInput {
  collaborationId: string;
  kind: MatchKind;
  purpose: string;
  /** Our own local publication (its live version is matched). */
  publicationId: string;
  /** Partner publications (clean-room ids, from partnerPublications()). */
  partnerPublicationIds: string[];
  offer?: { title: string; description?: string };
  actor: Actor;
}

/**
 * The clean room's answer as is (one member of `RequestMatchOutput` per kind, so a new kind needs no change here),
 * plus what this node did with it: a delivered list, already resolved to our customers and stored as an audience.
 */
export type MatchReport = RequestMatchOutput & { audience: FetchedList | null };

/** Partner publications visible in a collaboration (name, owner, size band), for picking match targets. */
export async function partnerPublications(deps: FederationDeps, collaborationId: string) {
  const c = await syncCollaboration(deps, collaborationId);
  const { publications } = await deps.cleanroom.listPublications({ collaborationId });
  const names = new Map(c.members.map((m) => [m.partnerId, m.name]));
  return publications
    .filter((p) => p.segmentKey === null)
    .map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      partnerId: p.ownerId,
      partnerName: names.get(p.ownerId) ?? p.ownerId,
      sizeBand: p.sizeBand,
      liveVersion: p.liveVersion,
      committedAt: p.committedAt,
    }));
}

export async function requestMatch(deps: FederationDeps, input: MatchInput): Promise<MatchReport> {
  const own = await deps.db
    .selectFrom('publication')
    .select(['cleanroom_publication_id', 'collaboration_id'])
    .where('id', '=', input.publicationId)
    .where('status', '=', 'live')
    .executeTakeFirst();
  if (!own?.cleanroom_publication_id || own.collaboration_id !== input.collaborationId) {
    throw new ConcordError('NOT_FOUND', 'no live publication of ours in this collaboration');
  }
  const out = await deps.cleanroom.requestMatch({
    collaborationId: input.collaborationId,
    requesterPublicationId: own.cleanroom_publication_id,
    partnerPublicationIds: input.partnerPublicationIds,
    purpose: input.purpose,
    kind: input.kind,
    ...(input.offer
      ? { offer: { title: input.offer.title, description: input.offer.description ?? '' } }
      : {}),
  });
  // Any kind whose answer delivers a list to us (cross-sell today) is fetched and resolved at once.
  const list = 'list' in out ? out.list : null;
  await recordMatch(deps, input, out, list);
  const audience = list ? await fetchAudienceList(deps, { listId: list.listId, actor: input.actor }) : null;
  return { ...out, audience };
}

/** The local record and its audit event, in one transaction. */
async function recordMatch(
  deps: FederationDeps,
  input: MatchInput,
  out: RequestMatchOutput,
  list: { size: number } | null,
) {
  const { matchId, ...result } = out;
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('match_request')
      .values({
        id: matchId,
        collaboration_id: input.collaborationId,
        kind: input.kind,
        purpose: input.purpose,
        request: JSON.stringify({
          publicationId: input.publicationId,
          partnerPublicationIds: input.partnerPublicationIds,
          offer: input.offer ?? null,
        }),
        result: JSON.stringify(result),
        requested_by: input.actor.id,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await appendAudit(trx, {
      action: 'match.request',
      subjectType: 'Match',
      subjectId: matchId,
      ...auditActor(input.actor),
      at: deps.now(),
      data: {
        collaborationId: input.collaborationId,
        kind: input.kind,
        purpose: input.purpose,
        publicationId: input.publicationId,
        partnerPublicationIds: input.partnerPublicationIds,
        cached: out.cached,
        listSize: list?.size ?? null,
      },
    });
  });
}

/** Match requests, newest first, with the requesting user's email (null once that user is gone). */
export function listMatchRequests(db: Kysely<Database>, collaborationId?: string) {
  let q = db
    .selectFrom('match_request as m')
    .leftJoin('app_user as u', (j) => j.on(sql`u.id::text`, '=', sql.ref('m.requested_by')))
    .selectAll('m')
    .select('u.email as requested_by_email')
    .orderBy('m.created_at', 'desc');
  if (collaborationId) q = q.where('m.collaboration_id', '=', collaborationId);
  return q.execute();
}
