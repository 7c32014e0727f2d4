// How a campaign is shown to the console and CLI.
import { dateText } from '../../crm/customers/customers.ts';
import type { Campaign } from '../../db/tables/marketing.table.ts';

export function campaignView(c: Campaign) {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    audienceKind: c.audience_kind,
    segmentId: c.segment_id,
    audienceListId: c.audience_list_id,
    collaborationId: c.collaboration_id,
    purpose: c.purpose,
    channels: c.channels,
    offer: { product: c.offer_product, category: c.offer_category },
    startsOn: dateText(c.starts_on) ?? '',
    endsOn: dateText(c.ends_on),
    windowDays: c.window_days,
    ownerId: c.owner_id,
    holdoutPct: c.holdout_pct,
    seed: c.seed,
    cost: Number(c.cost),
    launchReport: c.launch_report,
    createdAt: c.created_at.toISOString(),
    launchedAt: c.launched_at?.toISOString() ?? null,
  };
}

export type CampaignView = ReturnType<typeof campaignView>;

/** What contact recording needs from a request: who records and our industry (consent recipient). */
export function contactContext(ctx: { user: { id: string }; config: { industry: string } }) {
  return { actorId: ctx.user.id, ownIndustry: ctx.config.industry };
}
