// Campaign results: response and conversion rates, treatment vs holdout, lift with its 95% interval, revenue,
// cost and ROI — per campaign, per channel and per collaboration. Consent is re-checked first, so a member
// who withdrew since launch is skipped and not counted.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Campaign } from '../../db/tables/marketing.table.ts';
import { atOneInstant, type Deps } from '../../deps.ts';
import { type MemberOutcome, memberOutcomes } from './attribution.ts';
import { blockedMembers, markSkipped } from './consent.ts';
import { type Lift, liftWithInterval } from './stats.ts';

export interface GroupFigures {
  members: number;
  responded: number;
  converted: number;
  revenue: number;
  responseRate: number | null;
  conversionRate: number | null;
}

export interface CampaignResults {
  campaignId: string;
  treatment: GroupFigures;
  holdout: GroupFigures;
  lift: Lift | null;
  /** Conversions beyond the holdout's rate: (treatment rate − holdout rate) × treated. */
  incrementalConversions: number | null;
  cost: number;
  /** (treatment revenue − cost) / cost; null without a cost. */
  roi: number | null;
  skipped: Record<string, number>;
  byChannel: Array<GroupFigures & { channel: string; cost: number; roi: number | null }>;
  /** Conversions per UTC day and group. */
  overTime: Array<{ day: string; treatment: number; holdout: number }>;
}

function figures(rows: MemberOutcome[]): GroupFigures {
  const members = rows.length;
  const responded = rows.filter((r) => r.responded).length;
  const converted = rows.filter((r) => r.converted_at).length;
  const revenue = rows.reduce((s, r) => s + (r.converted_at ? r.revenue : 0), 0);
  return {
    members,
    responded,
    converted,
    revenue,
    responseRate: members ? responded / members : null,
    conversionRate: members ? converted / members : null,
  };
}

const roiOf = (revenue: number, cost: number) => (cost > 0 ? (revenue - cost) / cost : null);

/** Re-checks consent for every counted member and marks the ones who fail as skipped. */
export async function recheckConsent(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { campaign: Campaign; ownIndustry: string },
) {
  const c = input.campaign;
  const at = atOneInstant(deps);
  const rows = await deps.db
    .selectFrom('campaign_member')
    .select('customer_id')
    .where('campaign_id', '=', c.id)
    .where('skipped_reason', 'is', null)
    .execute();
  const blocked = await blockedMembers(at, {
    campaign: c,
    customerIds: rows.map((r) => r.customer_id),
    ownIndustry: input.ownIndustry,
  });
  await markSkipped(at, { campaignId: c.id, blocked });
}

export function summarize(
  c: Pick<Campaign, 'id' | 'cost'>,
  outcomes: MemberOutcome[],
  skipped: Record<string, number>,
): CampaignResults {
  const t = outcomes.filter((o) => o.grp === 'treatment');
  const h = outcomes.filter((o) => o.grp === 'holdout');
  const treatment = figures(t);
  const holdout = figures(h);
  const lift = liftWithInterval(treatment.converted, treatment.members, holdout.converted, holdout.members);
  const cost = Number(c.cost);
  const channels = [...new Set(t.map((o) => o.channel ?? 'unknown'))].sort();
  const byChannel = channels.map((channel) => {
    const f = figures(t.filter((o) => (o.channel ?? 'unknown') === channel));
    // The campaign's cost is shared across channels by their share of contacted members.
    const share = treatment.members ? (cost * f.members) / treatment.members : 0;
    return { channel, ...f, cost: share, roi: roiOf(f.revenue, share) };
  });
  const days = new Map<string, { treatment: number; holdout: number }>();
  for (const o of outcomes) {
    if (!o.converted_at) continue;
    const day = o.converted_at.toISOString().slice(0, 10);
    const d = days.get(day) ?? { treatment: 0, holdout: 0 };
    d[o.grp]++;
    days.set(day, d);
  }
  return {
    campaignId: c.id,
    treatment,
    holdout,
    lift,
    incrementalConversions: lift ? lift.difference * treatment.members : null,
    cost,
    roi: roiOf(treatment.revenue, cost),
    skipped,
    byChannel,
    overTime: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, v]) => ({ day, ...v })),
  };
}

export async function skippedCounts(db: Kysely<Database>, campaignId: string) {
  const rows = await db
    .selectFrom('campaign_member')
    .select(['skipped_reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('skipped_reason', 'is not', null)
    .groupBy('skipped_reason')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.skipped_reason as string, Number(r.n)]));
}

export async function campaignResults(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { campaign: Campaign; ownIndustry: string },
): Promise<{ results: CampaignResults; outcomes: MemberOutcome[] }> {
  const { db } = deps;
  const c = input.campaign;
  if (c.status !== 'draft') await recheckConsent(deps, input);
  const outcomes = c.status === 'draft' ? [] : await memberOutcomes(db, c);
  return { results: summarize(c, outcomes, await skippedCounts(db, c.id)), outcomes };
}
