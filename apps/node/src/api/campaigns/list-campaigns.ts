// campaigns.list: every campaign, newest first.
import { listCampaigns } from '../../crm/campaigns/campaigns.ts';
import { can } from '../trpc.ts';
import { campaignView } from './view.ts';

export const list = can('read', 'Campaign').query(async ({ ctx }) =>
  (await listCampaigns(ctx.db)).map(campaignView),
);
