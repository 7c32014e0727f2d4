// campaigns.members: the audience with group, skip reason and contact progress (a page).
import { sql } from 'kysely';
import { z } from 'zod';
import { can } from '../trpc.ts';

export const CampaignMembersInput = z.object({
  campaignId: z.string().uuid(),
  group: z.enum(['treatment', 'holdout']).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
});

export const members = can('read', 'Campaign')
  .input(CampaignMembersInput)
  .query(async ({ ctx, input }) => {
    let q = ctx.db
      .selectFrom('campaign_member as m')
      .innerJoin('customer as c', 'c.id', 'm.customer_id')
      .select([
        'm.customer_id',
        'm.grp',
        'm.skipped_reason',
        'm.first_contact_at',
        'c.external_id',
        'c.first_name',
        'c.last_name',
        sql<string[] | null>`(select array_agg(distinct cc.status) from campaign_contact cc
          where cc.campaign_id = m.campaign_id and cc.customer_id = m.customer_id)`.as('statuses'),
      ])
      .where('m.campaign_id', '=', input.campaignId)
      .orderBy('c.external_id')
      .limit(input.limit)
      .offset(input.offset);
    if (input.group) q = q.where('m.grp', '=', input.group);
    return (await q.execute()).map((r) => ({
      customerId: r.customer_id,
      externalId: r.external_id,
      name: [r.first_name, r.last_name].filter(Boolean).join(' '),
      group: r.grp,
      skippedReason: r.skipped_reason,
      firstContactAt: r.first_contact_at?.toISOString() ?? null,
      statuses: r.statuses ?? [],
    }));
  });
