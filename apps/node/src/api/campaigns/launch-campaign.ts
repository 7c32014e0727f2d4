// campaigns.launch: draw the seeded holdout, check consent for everyone, plan personal-channel follow-ups.

import { launchCampaign } from '../../crm/campaigns/campaigns.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { CampaignRef } from './get-campaign.ts';

export const launch = can('update', 'Campaign')
  .input(CampaignRef)
  .mutation(({ ctx, input }) =>
    launchCampaign(depsOf(ctx), { id: input.campaignId, actor: ctx.user, ownIndustry: ctx.config.industry }),
  );
