// demographics.get (admin, compliance): one customer's sensitive fields; marketers only see aggregates.
import { z } from 'zod';
import { getDemographics } from '../../crm/demographics/demographics.ts';
import { can } from '../trpc.ts';

export const GetDemographicsInput = z.object({ customerId: z.uuid() });

export const get = can('read', 'Demographics')
  .input(GetDemographicsInput)
  .query(({ ctx, input }) => getDemographics(ctx.db, input.customerId, ctx.now()));
