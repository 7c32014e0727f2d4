// lists.export (marketer): CSV of a stored audience, audited.
import { z } from 'zod';
import { exportAudienceCsv } from '../../collab/audience.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const ExportListInput = z.object({ listId: z.uuid() });

export const exportListProcedure = can('export', 'AudienceList')
  .input(ExportListInput)
  .mutation(({ ctx, input }) => exportAudienceCsv(depsOf(ctx), { listId: input.listId, actor: ctx.user }));
