// Cross-partner measurement, node side. The receiver of a list publishes the campaign's treated, holdout and
// converted members — as the opaque member ids of the publication version the list names, never customer data —
// so the partner that enabled the list can get noisy, kMin-suppressed counts from the clean room.
import { REVENUE_BANDS, type RevenueBand } from '@concord/protocol/contract/measurements';
import { ConcordError } from '@concord/protocol/errors';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/log.ts';
import { type Actor, auditActor } from '../../auth/actor.ts';
import { syncCollaboration } from '../../collab/collaborations.ts';
import type { FederationDeps } from '../../collab/deps.ts';
import type { Campaign } from '../../db/tables/marketing.table.ts';
import { campaignResults } from './results.ts';

/** The coarse band a revenue falls in (what the enabling partner may see). */
export function revenueBand(revenue: number): RevenueBand {
  const upper = [0, 1_000, 10_000, 100_000, 1_000_000];
  const i = upper.findIndex((u, k) => (k === 0 ? revenue <= 0 : revenue < u));
  return REVENUE_BANDS[i < 0 ? REVENUE_BANDS.length - 1 : i] as RevenueBand;
}

async function memberHexes(deps: FederationDeps, versionId: string, customerIds: string[]) {
  if (customerIds.length === 0) return new Map<string, string>();
  const { rows } = await sql<{ customer_id: string; hex: string }>`
    select pm.customer_id::text as customer_id, encode(pm.member_id, 'hex') as hex
    from publication_member pm join publication p on p.id = pm.publication_id
    where p.cleanroom_version_id = ${versionId} and pm.customer_id = any(${customerIds}::uuid[])
      and pm.removed_at is null`.execute(deps.db);
  return new Map(rows.map((r) => [r.customer_id, r.hex]));
}

/** campaignResults re-checks consent first: whoever withdrew is skipped and left out of every set sent. */
export async function publishCampaignMeasurement(deps: FederationDeps, c: Campaign, actor: Actor) {
  if (!c.audience_list_id || !c.collaboration_id) {
    throw new ConcordError(
      'BAD_INPUT',
      'only a campaign on a received list can be measured with the partner',
    );
  }
  if (c.status === 'draft') throw new ConcordError('CONFLICT', 'campaign is not launched');
  const collab = await syncCollaboration(deps, c.collaboration_id);
  if (collab.policy.measurement !== true) {
    throw new ConcordError('POLICY_REFUSED', 'this collaboration does not allow campaign measurement');
  }
  const list = await deps.db
    .selectFrom('audience_list')
    .select('cleanroom_list_id')
    .where('id', '=', c.audience_list_id)
    .executeTakeFirstOrThrow();
  const { lists } = await deps.cleanroom.fetchLists({ collaborationId: c.collaboration_id });
  const summary = lists.find((l) => l.id === list.cleanroom_list_id);
  if (!summary) throw new ConcordError('NOT_FOUND', 'the list is no longer at the clean room');
  const ownIndustry = deps.config.industry;
  const { results, outcomes } = await campaignResults(deps, { campaign: c, ownIndustry });
  const hex = await memberHexes(
    deps,
    summary.versionId,
    outcomes.map((o) => o.customer_id),
  );
  const pick = (f: (o: (typeof outcomes)[number]) => boolean) =>
    outcomes.filter(f).flatMap((o) => (hex.has(o.customer_id) ? [hex.get(o.customer_id) as string] : []));
  const out = await deps.cleanroom.publishMeasurement({
    collaborationId: c.collaboration_id,
    listId: summary.id,
    campaignKey: c.id,
    treated: pick((o) => o.grp === 'treatment'),
    holdout: pick((o) => o.grp === 'holdout'),
    converted: pick((o) => o.converted_at !== null),
    revenueBand: revenueBand(results.treatment.revenue),
  });
  const at = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('campaign_measurement')
      .values({
        campaign_id: c.id,
        cleanroom_measurement_id: out.measurementId,
        version: out.version,
        accepted: JSON.stringify(out.accepted),
        published_at: at,
      })
      .onConflict((oc) =>
        oc.column('campaign_id').doUpdateSet({
          cleanroom_measurement_id: out.measurementId,
          version: out.version,
          accepted: JSON.stringify(out.accepted),
          published_at: at,
        }),
      )
      .execute();
    await appendAudit(trx, {
      action: 'campaign.measurement.publish',
      subjectType: 'Campaign',
      subjectId: c.id,
      ...auditActor(actor),
      at,
      data: { collaborationId: c.collaboration_id, measurementId: out.measurementId, accepted: out.accepted },
    });
  });
  return out;
}
