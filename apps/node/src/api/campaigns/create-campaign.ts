// campaigns.create: a draft campaign — audience (segment or received list), channels, offer, schedule, owner.

import { z } from 'zod';
import { createCampaign } from '../../crm/campaigns/campaigns.ts';
import { CAMPAIGN_CHANNELS } from '../../crm/campaigns/channels.ts';
import { depsOf } from '../../deps.ts';
import { Day } from '../customers/schemas.ts';
import { can } from '../trpc.ts';
import { campaignView } from './view.ts';

export const CreateCampaignInput = z.object({
  name: z.string().trim().min(1).max(200),
  audience: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('segment'),
      segmentId: z.string().uuid(),
      purpose: z.string().min(1).max(120),
    }),
    z.object({ kind: z.literal('list'), audienceListId: z.string().uuid() }),
  ]),
  channels: z.array(z.enum(CAMPAIGN_CHANNELS)).min(1).max(6),
  offer: z.object({
    product: z.string().trim().min(1).max(200).nullish(),
    category: z.string().trim().min(1).max(200).nullish(),
  }),
  startsOn: Day,
  endsOn: Day.nullish(),
  windowDays: z.number().int().min(1).max(365).default(30),
  ownerId: z.string().min(1).max(100).optional(),
  holdoutPct: z.number().int().min(0).max(90).default(10),
  seed: z.string().min(1).max(100).optional(),
  cost: z.number().min(0).max(1e12).default(0),
});

export const create = can('create', 'Campaign')
  .input(CreateCampaignInput)
  .mutation(async ({ ctx, input }) =>
    campaignView(
      await createCampaign(depsOf(ctx), { ...input, ownerId: input.ownerId ?? ctx.user.id, actor: ctx.user }),
    ),
  );
