// lists.exportWithDemographics (marketer): CSV of an audience plus demographic columns released for its purpose.

import { z } from 'zod';
import { exportAudienceWithDemographics } from '../../crm/demographics/export.ts';
import { SENSITIVE_FIELDS } from '../../crm/demographics/fields.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const ExportWithDemographicsInput = z.object({
  listId: z.uuid(),
  fields: z.array(z.enum(SENSITIVE_FIELDS)).min(1).max(6),
});

export const exportWithDemographicsProcedure = can('export', 'AudienceList')
  .input(ExportWithDemographicsInput)
  .mutation(({ ctx, input }) => exportAudienceWithDemographics(depsOf(ctx), { ...input, actor: ctx.user }));
