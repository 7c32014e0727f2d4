// campaigns.results: rates, treatment vs holdout, lift with its 95% interval, revenue, cost, ROI, per channel.

import { getCampaign } from '../../crm/campaigns/campaigns.ts';
import { campaignResults } from '../../crm/campaigns/results.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { CampaignRef } from './get-campaign.ts';

export const results = can('read', 'Campaign')
  .input(CampaignRef)
  .query(async ({ ctx, input }) => {
    const c = await getCampaign(ctx.db, input.campaignId);
    return (await campaignResults(depsOf(ctx), { campaign: c, ownIndustry: ctx.config.industry })).results;
  });
