// analytics.rfm: recency x frequency grid and named RFM classes, as of now (or a given time), for the whole base or
// the live members of one segment (scored against the whole base).
import { z } from 'zod';
import { rfmAnalysis } from '../../crm/analytics/rfm.ts';
import { segmentCustomerIdsQuery } from '../../crm/segments/segments.ts';
import { can } from '../trpc.ts';

export const RfmInput = z
  .object({ asOf: z.coerce.date().optional(), segmentId: z.string().uuid().optional() })
  .default({});

export const rfm = can('read', 'Analytics')
  .input(RfmInput)
  .query(async ({ ctx, input }) => {
    const asOf = input.asOf ?? ctx.now();
    const segmentIds = input.segmentId
      ? await segmentCustomerIdsQuery(ctx.db, input.segmentId, asOf)
      : undefined;
    return rfmAnalysis(ctx.db, asOf, segmentIds);
  });
