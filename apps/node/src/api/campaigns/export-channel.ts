// campaigns.exportChannel: the import file for an email/SMS service, with consent columns (audited).

import { z } from 'zod';
import { getCampaign } from '../../crm/campaigns/campaigns.ts';
import { MASS_CHANNELS } from '../../crm/campaigns/channels.ts';
import { exportMassChannel } from '../../crm/campaigns/export.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const ExportChannelInput = z.object({ campaignId: z.string().uuid(), channel: z.enum(MASS_CHANNELS) });

export const exportChannel = can('update', 'Campaign')
  .input(ExportChannelInput)
  .mutation(async ({ ctx, input }) =>
    exportMassChannel(depsOf(ctx), {
      campaign: await getCampaign(ctx.db, input.campaignId),
      channel: input.channel,
      actor: ctx.user,
      ownIndustry: ctx.config.industry,
    }),
  );
