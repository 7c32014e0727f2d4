// campaigns.partnerResult: the clean room's noisy, kMin-suppressed counts for a measurement we enabled. The first
// request charges our epsilon budget; repeats are answered from the clean room's cache at no charge.
import { z } from 'zod';
import { appendAudit } from '../../audit/log.ts';
import { auditActor } from '../../auth/actor.ts';
import { federationDeps } from '../../collab/deps.ts';
import { can } from '../trpc.ts';

export const PartnerResultInput = z.object({ measurementId: z.string().uuid() });

export const partnerResult = can('read', 'Campaign')
  .input(PartnerResultInput)
  .mutation(async ({ ctx, input }) => {
    const out = await federationDeps(ctx).cleanroom.measurementResult({ measurementId: input.measurementId });
    if (!out.cached) {
      await ctx.db.transaction().execute((trx) =>
        appendAudit(trx, {
          action: 'campaign.measurement.result',
          subjectType: 'Campaign',
          subjectId: null,
          ...auditActor(ctx.user),
          at: ctx.now(),
          data: { measurementId: out.measurementId, epsilonCharged: out.epsilonCharged, kMin: out.kMin },
        }),
      );
    }
    return out;
  });
