// campaigns.collaborationResults: our campaigns on lists from one collaboration, pooled (exact, our own data).

import { z } from 'zod';
import { memberOutcomes } from '../../crm/campaigns/attribution.ts';
import { recheckConsent, skippedCounts, summarize } from '../../crm/campaigns/results.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const CollaborationResultsInput = z.object({ collaborationId: z.string().min(1).max(100) });

export const collaborationResults = can('read', 'Campaign')
  .input(CollaborationResultsInput)
  .query(async ({ ctx, input }) => {
    const campaigns = await ctx.db
      .selectFrom('campaign')
      .selectAll()
      .where('collaboration_id', '=', input.collaborationId)
      .where('status', '!=', 'draft')
      .execute();
    const perCampaign = [];
    const pooled = [];
    for (const c of campaigns) {
      await recheckConsent(depsOf(ctx), { campaign: c, ownIndustry: ctx.config.industry });
      const outcomes = await memberOutcomes(ctx.db, c);
      pooled.push(...outcomes);
      perCampaign.push({
        name: c.name,
        ...summarize(c, outcomes, await skippedCounts(ctx.db, c.id)),
      });
    }
    const cost = campaigns.reduce((s, c) => s + Number(c.cost), 0);
    const total = summarize({ id: input.collaborationId, cost: String(cost) }, pooled, {});
    return { collaborationId: input.collaborationId, campaigns: perCampaign, total };
  });
