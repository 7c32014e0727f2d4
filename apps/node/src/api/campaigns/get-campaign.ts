// campaigns.get: one campaign with its member counts by group and skip reason.
import { z } from 'zod';
import { getCampaign } from '../../crm/campaigns/campaigns.ts';
import { can } from '../trpc.ts';
import { campaignView } from './view.ts';

export const CampaignRef = z.object({ campaignId: z.string().uuid() });

export const get = can('read', 'Campaign')
  .input(CampaignRef)
  .query(async ({ ctx, input }) => {
    const c = await getCampaign(ctx.db, input.campaignId);
    const groups = await ctx.db
      .selectFrom('campaign_member')
      .select(['grp', 'skipped_reason', (eb) => eb.fn.countAll<number>().as('n')])
      .where('campaign_id', '=', c.id)
      .groupBy(['grp', 'skipped_reason'])
      .execute();
    return {
      ...campaignView(c),
      groups: groups.map((g) => ({ group: g.grp, skippedReason: g.skipped_reason, members: Number(g.n) })),
    };
  });
