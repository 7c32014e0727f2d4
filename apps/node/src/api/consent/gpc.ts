// consent.gpc: records a Global Privacy Control signal as an opt-out of every sharing purpose.
import { z } from 'zod';
import { recordGpcSignal } from '../../consent/record.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const gpc = can('update', 'Consent')
  .input(
    z.object({
      customerId: z.string().uuid(),
      /** Where the signal was seen, e.g. `web:checkout` (the site that forwarded the Sec-GPC header). */
      source: z.string().min(1).max(200),
      evidenceRef: z.string().max(500).nullish(),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const result = await recordGpcSignal(depsOf(ctx), { ...input, actor: ctx.user, via: 'gpc' });
    return { eventIds: result.eventIds, withdrawalsQueued: result.ineligible.length };
  });
