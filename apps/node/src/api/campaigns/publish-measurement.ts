// campaigns.publishMeasurement: send the campaign's treated/holdout/converted member ids to the clean room so
// the partner that enabled the list can see aggregated, noisy conversions (needs the collaboration's consent).
import { federationDeps } from '../../collab/deps.ts';
import { getCampaign } from '../../crm/campaigns/campaigns.ts';
import { publishCampaignMeasurement } from '../../crm/campaigns/measurement.ts';
import { can } from '../trpc.ts';
import { CampaignRef } from './get-campaign.ts';

export const publishMeasurement = can('publish', 'Campaign')
  .input(CampaignRef)
  .mutation(async ({ ctx, input }) =>
    publishCampaignMeasurement(federationDeps(ctx), await getCampaign(ctx.db, input.campaignId), ctx.user),
  );
