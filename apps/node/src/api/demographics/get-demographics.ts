// demographics.get (admin, compliance): one customer's sensitive fields; marketers only see aggregates.

import { z } from 'zod';
import { getDemographics } from '../../crm/demographics/demographics.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const GetDemographicsInput = z.object({ customerId: z.uuid() });

export const get = can('read', 'Demographics')
  .input(GetDemographicsInput)
  .query(({ ctx, input }) => getDemographics(depsOf(ctx), { customerId: input.customerId }));
