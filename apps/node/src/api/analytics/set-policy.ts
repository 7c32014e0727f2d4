// analytics.setPolicy (compliance): change the minimum cell size k or the value/CLV parameters; audited.

import { ConcordError } from '@concord/protocol/errors';
import { z } from 'zod';
import { getAnalyticsPolicy, setAnalyticsPolicy } from '../../crm/analytics/policy.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const SetPolicyInput = z.object({
  minCellSize: z.number().int().min(2).max(10_000).optional(),
  defaultMarginRate: z.number().min(0).max(1).optional(),
  clvDiscountRate: z.number().min(0).max(1).optional(),
  valueTopShare: z.number().gt(0).lt(1).optional(),
  valueTailShare: z.number().gt(0).lt(1).optional(),
});

export const setPolicy = can('update', 'AnalyticsPolicy')
  .input(SetPolicyInput)
  .mutation(async ({ ctx, input }) => {
    const current = await getAnalyticsPolicy(ctx.db);
    const top = input.valueTopShare ?? current.valueTopShare;
    const tail = input.valueTailShare ?? current.valueTailShare;
    if (top + tail >= 1)
      throw new ConcordError('BAD_INPUT', 'top and tail shares must leave room for the middle tier');
    return setAnalyticsPolicy(depsOf(ctx), { patch: input, actor: ctx.user });
  });
