// Measurement, enabler side: noisy conversion counts for a list the caller's publication made possible — the same
// privacy controls as insights: strictest kMin, seeded Laplace noise (dp.ts), epsilon charged, cached repeats.

import { canonicalJson } from '@concord/federation/audit-chain';
import type { MeasurementResultOutput } from '@concord/protocol/contract/measurements';
import { ConcordError } from '@concord/protocol/errors';
import { sql, type Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import { type ActiveCollaboration, requireActive } from '../collab/collaborations.ts';
import type { Database } from '../db/database.ts';
import { iso, sha256 } from '../lib/encoding.ts';
import { chargeEpsilon, epsilonRemaining } from '../match/budget.ts';
import { noisyCounts } from '../match/dp.ts';
import type { PartnerIdentity } from '../partners/partners.ts';
import { enablersOf, requireMeasurementAllowed } from './publish.ts';

/** Exact counts of the measurement's members still on the list (a withdrawal removes them from both). */
async function trueCounts(trx: Transaction<Database>, measurementId: string, listId: string) {
  const { rows } = await sql<{ grp: number; n: number; c: number }>`
    select mm.grp, count(*)::int as n, count(*) filter (where mm.converted)::int as c
    from measurement_members mm
    where mm.measurement_id = ${measurementId}::uuid and list_has_member(${listId}::uuid, mm.member_id)
    group by mm.grp`.execute(trx);
  const g = (grp: number) => rows.find((r) => Number(r.grp) === grp);
  return [g(0)?.n, g(0)?.c, g(1)?.n, g(1)?.c].map((v) => Number(v ?? 0));
}

/** Strictest of the policy's kMin, the floors of the members whose data is touched and the publications' own. */
async function effectiveKMin(
  trx: Transaction<Database>,
  collab: ActiveCollaboration,
  publicationIds: string[],
): Promise<number> {
  const pubs = await trx
    .selectFrom('publications')
    .select(['owner_id', 'k_min'])
    .where('id', 'in', publicationIds)
    .execute();
  let k = collab.policy.kMin;
  for (const p of pubs) k = Math.max(k, collab.floors.get(p.owner_id) ?? 0, p.k_min ?? 0);
  return k;
}

function released(count: number, kMin: number) {
  const suppressed = count < kMin;
  return { count: suppressed ? null : count, suppressed };
}

function liftOf(t: number | null, tc: number | null, h: number | null, hc: number | null): number | null {
  if (t === null || tc === null || h === null || hc === null || t === 0 || h === 0) return null;
  return Math.min(tc, t) / t - Math.min(hc, h) / h;
}

/** The measurement behind the list, if the caller enabled that list; for anyone else it does not exist. */
async function findEnabledMeasurement(
  trx: Transaction<Database>,
  partner: PartnerIdentity,
  measurementId: string,
) {
  const m = await trx
    .selectFrom('measurements as m')
    .innerJoin('lists as l', 'l.id', 'm.list_id')
    .selectAll('m')
    .select(['l.counterpart_publication_ids', 'l.publication_id', 'l.version_id'])
    .where('m.id', '=', measurementId)
    .executeTakeFirst();
  const enablers = m ? await enablersOf(trx, m.counterpart_publication_ids) : [];
  // Only the partners who enabled the list get answers; for anyone else it does not exist.
  if (!m || !enablers.includes(partner.id)) throw new ConcordError('NOT_FOUND', 'no such measurement');
  return m;
}

type Measurement = Awaited<ReturnType<typeof findEnabledMeasurement>>;

/** The data version and query hash of a measurement's answer: the cache key, and the seed of its noise. */
async function queryIdentity(trx: Transaction<Database>, m: Measurement) {
  const version = await trx
    .selectFrom('publication_versions')
    .select('revision')
    .where('id', '=', m.version_id)
    .executeTakeFirst();
  // Withdrawal deltas bump the list publication's revision: new data, fresh noise, a new charge.
  const dataVersion = `${m.id}.${m.version}:${m.version_id}.${Number(version?.revision ?? 0)}`;
  const queryHash = sha256(
    canonicalJson({ v: 1, kind: 'measurement', measurementId: m.id }),
    '\n',
    dataVersion,
  );
  return { dataVersion, queryHash };
}

/** A repeat of an answered query: the same answer, marked cached, charging nothing. */
async function cachedResult(
  trx: Transaction<Database>,
  collab: ActiveCollaboration,
  partner: PartnerIdentity,
  queryHash: Uint8Array,
): Promise<MeasurementResultOutput | null> {
  const cached = await trx
    .selectFrom('measurement_results')
    .select('result')
    .where((eb) => eb.and({ requester_id: partner.id, query_hash: queryHash }))
    .executeTakeFirst();
  if (!cached) return null;
  const prior = cached.result as unknown as MeasurementResultOutput;
  return {
    ...prior,
    cached: true,
    epsilonCharged: 0,
    epsilonRemaining: await epsilonRemaining(trx, collab, partner.id),
  };
}

/** Keeps the answer for repeats and records it in the audit chain. */
async function recordResult(
  trx: Transaction<Database>,
  now: Date,
  partner: PartnerIdentity,
  m: Measurement,
  queryHash: Uint8Array,
  out: MeasurementResultOutput,
) {
  await trx
    .insertInto('measurement_results')
    .values({
      measurement_id: m.id,
      requester_id: partner.id,
      query_hash: queryHash,
      result: JSON.stringify(out),
      epsilon_charged: out.epsilonCharged,
      created_at: now,
    })
    .execute();
  await appendAudit(trx, now, {
    action: 'measurement.result',
    actorId: partner.id,
    collaborationId: m.collaboration_id,
    partnerIds: [partner.id, m.publisher_id],
    details: { measurementId: m.id, kMin: out.kMin, epsilonCharged: out.epsilonCharged },
  });
}

export async function measurementResult(
  trx: Transaction<Database>,
  now: Date,
  partner: PartnerIdentity,
  measurementId: string,
): Promise<MeasurementResultOutput> {
  const m = await findEnabledMeasurement(trx, partner, measurementId);
  const collab = await requireActive(trx, partner.id, m.collaboration_id, now);
  requireMeasurementAllowed(collab);
  const { dataVersion, queryHash } = await queryIdentity(trx, m);
  const cached = await cachedResult(trx, collab, partner, queryHash);
  if (cached) return cached;
  const kMin = await effectiveKMin(trx, collab, [m.publication_id, ...m.counterpart_publication_ids]);
  const eps = collab.policy.epsilonPerQuery;
  const remaining = await chargeEpsilon(trx, collab, partner.id, eps);
  const noisy = noisyCounts(await trueCounts(trx, m.id, m.list_id), eps, queryHash);
  const [t, tc, h, hc] = noisy.counts.map((c) => released(c, kMin)) as [
    ReturnType<typeof released>,
    ReturnType<typeof released>,
    ReturnType<typeof released>,
    ReturnType<typeof released>,
  ];
  const out: MeasurementResultOutput = {
    measurementId: m.id,
    collaborationId: m.collaboration_id,
    listId: m.list_id,
    campaignKey: m.campaign_key,
    cached: false,
    kMin,
    dataVersion,
    treated: t,
    treatedConversions: tc,
    holdout: h,
    holdoutConversions: hc,
    lift: liftOf(t.count, tc.count, h.count, hc.count),
    revenueBand: tc.suppressed ? null : ((m.revenue_band as MeasurementResultOutput['revenueBand']) ?? null),
    epsilonCharged: eps,
    epsilonRemaining: remaining,
    noiseScale: noisy.scale,
    createdAt: iso(now),
  };
  await recordResult(trx, now, partner, m, queryHash, out);
  return out;
}
