// matches.request in the clean room: the checks every kind shares (collaboration, purpose, policy, sides, sizes,
// lists allowed, strictest kMin), the cache of identical queries, then the kind's handler (kinds/), storage and audit.
import { randomUUID } from 'node:crypto';
import { purposeBit } from '@concord/federation/purpose-mask';
import { kindAllowed, type MatchKind, type RequestMatchOutput } from '@concord/protocol/contract/matches';
import { ConcordError } from '@concord/protocol/errors';
import { sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { appendAudit } from '../audit/log.ts';
import { type ActiveCollaboration, requireActive } from '../collab/collaborations.ts';
import type { Database } from '../db/database.ts';
import { iso } from '../lib/encoding.ts';
import type { PartnerIdentity } from '../partners/partners.ts';
import { HANDLERS } from './kinds/index.ts';
import type { KindBody, KindContext, KindHandler, KindRun } from './kinds/types.ts';
import {
  canonicalMatchQuery,
  effectiveKMin,
  loadSides,
  type MatchRequest,
  matchQueryHash,
  requireListsAllowed,
  type Side,
  tuneForMatch,
} from './match.ts';

/** The purpose's index in the collaboration, refusing a purpose it does not cover or a kind its policy forbids. */
function checkPolicy(collab: ActiveCollaboration, req: MatchRequest): number {
  const purposeIndex = collab.purposes.indexOf(req.purpose);
  if (purposeIndex < 0) {
    throw new ConcordError(
      'POLICY_REFUSED',
      `purpose ${req.purpose} is not one of this collaboration's purposes`,
    );
  }
  if (!kindAllowed(collab.policy, req.kind)) {
    const what = req.kind.replace(/_list$/, '').replace('_', '-');
    throw new ConcordError('POLICY_REFUSED', `this collaboration does not allow ${what} lists`);
  }
  return purposeIndex;
}

/** Both sides loaded and checked; the partner publication ids deduplicated and sorted (part of the query's identity). */
async function prepareSides(
  trx: Transaction<Database>,
  collab: ActiveCollaboration,
  requester: PartnerIdentity,
  req: MatchRequest,
  now: Date,
) {
  const partnerIds = [...new Set(req.partnerPublicationIds)].sort();
  if (partnerIds.includes(req.requesterPublicationId)) {
    throw new ConcordError('BAD_INPUT', 'a publication cannot be matched against itself');
  }
  const canonicalReq = { ...req, partnerPublicationIds: partnerIds };
  const { mine, partners } = await loadSides(trx, collab, requester, canonicalReq, now);
  const small = [mine, ...partners].find((s) => s.members < collab.policy.minSegmentSize);
  if (small) {
    throw new ConcordError('BELOW_THRESHOLD', 'a segment is smaller than the minimum segment size', {
      reason: 'segment_too_small',
      publicationId: small.publicationId,
      minSegmentSize: collab.policy.minSegmentSize,
    });
  }
  return { canonicalReq, mine, partners };
}

function dataVersionOf(sides: Side[]): string {
  return [...sides]
    .sort((a, b) => a.publicationId.localeCompare(b.publicationId))
    .map((s) => `${s.versionId}.${s.revision}`)
    .join(',');
}

/**
 * Serializes identical queries (same requester publication, partners, purpose, kind and data versions) until this
 * transaction ends: a retried request that arrives while the first is still building its list waits for it, then
 * finds its answer in the cache instead of building a second list.
 */
async function lockQuery(trx: Transaction<Database>, queryHash: Uint8Array): Promise<void> {
  const key = Buffer.from(queryHash).readBigInt64BE(0);
  await sql`select pg_advisory_xact_lock(${key.toString()}::int8)`.execute(trx);
}

/** Runs one match request: insight counts, a cross-sell list or referral lists, as the kind's handler defines. */
export async function requestMatch(
  trx: Transaction<Database>,
  now: Date,
  requester: PartnerIdentity,
  req: MatchRequest,
  pool?: pg.Pool,
): Promise<RequestMatchOutput> {
  const collab = await requireActive(trx, requester.id, req.collaborationId, now);
  const purposeIndex = checkPolicy(collab, req);
  const { canonicalReq, mine, partners } = await prepareSides(trx, collab, requester, req, now);
  const sides = [mine, ...partners];
  const bit = purposeBit(purposeIndex);
  const handler = HANDLERS[req.kind] as KindHandler<MatchKind>;
  if (handler.releasesMembers) requireListsAllowed(sides, bit, req.purpose);
  const kMin = effectiveKMin(collab, sides, purposeIndex);
  const dataVersion = dataVersionOf(sides);
  const queryHash = matchQueryHash(canonicalMatchQuery(canonicalReq), dataVersion);
  await lockQuery(trx, queryHash);

  const cached = await trx
    .selectFrom('matches')
    .select(['id', 'result'])
    .where('collaboration_id', '=', collab.row.id)
    .where('requester_id', '=', requester.id)
    .where('query_hash', '=', queryHash)
    .executeTakeFirst();
  if (cached) {
    const prior = cached.result as unknown as RequestMatchOutput;
    const body = await handler.fromCache(prior as KindBody<MatchKind>, { trx, collab, requester, kMin });
    return { ...prior, ...body, matchId: cached.id, cached: true, kMin } as RequestMatchOutput;
  }

  await tuneForMatch(trx);
  const matchId = randomUUID();
  const ttl = collab.policy.listTtlHours * 3_600_000;
  const listExpiry = new Date(Math.min(now.getTime() + ttl, collab.row.expires_at.getTime()));
  const ctx: KindContext = {
    trx,
    now,
    collab,
    requester,
    req: canonicalReq,
    mine,
    partners,
    kMin,
    bit,
    matchId,
    queryHash,
    listExpiry,
    pool,
  };
  const run = await handler.run(ctx);
  const out = {
    matchId,
    kind: req.kind,
    cached: false,
    kMin,
    dataVersion,
    createdAt: iso(now),
    ...run.body,
  } as RequestMatchOutput;
  await record(ctx, out, run, dataVersion);
  return out;
}

/** Stores the answer for the cache (without its id and cache flag) and appends the audit event, in the same transaction. */
async function record(
  ctx: KindContext,
  out: RequestMatchOutput,
  run: KindRun<MatchKind>,
  dataVersion: string,
) {
  const { trx, now, collab, requester, req, mine, partners, kMin, matchId, queryHash } = ctx;
  const { matchId: _id, cached: _c, ...stored } = out;
  await trx
    .insertInto('matches')
    .values({
      id: matchId,
      collaboration_id: collab.row.id,
      requester_id: requester.id,
      kind: req.kind,
      query_hash: queryHash,
      data_version: dataVersion,
      result: JSON.stringify(stored),
      epsilon_charged: run.epsilonCharged,
      created_at: now,
    })
    .execute();
  await appendAudit(trx, now, {
    action: `match.${req.kind}`,
    actorId: requester.id,
    collaborationId: collab.row.id,
    partnerIds: [mine, ...partners].map((s) => s.ownerId),
    details: {
      matchId,
      purpose: req.purpose,
      requesterPublicationId: mine.publicationId,
      partnerPublicationIds: req.partnerPublicationIds,
      kMin,
      epsilonCharged: run.epsilonCharged,
      listIds: run.listIds,
      referralsDelivered: run.referralsDelivered,
    },
  });
}
