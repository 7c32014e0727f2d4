// demographics.update (admin): edit one customer's demographics; the audit entry names the fields, not the values.

import { z } from 'zod';
import { DemographicsPatch, updateDemographics } from '../../crm/demographics/demographics.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const UpdateDemographicsInput = z.object({ customerId: z.uuid(), patch: DemographicsPatch });

export const update = can('update', 'Demographics')
  .input(UpdateDemographicsInput)
  .mutation(({ ctx, input }) =>
    updateDemographics(depsOf(ctx), { customerId: input.customerId, patch: input.patch, actor: ctx.user }),
  );
