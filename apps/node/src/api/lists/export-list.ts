// lists.export (marketer): CSV of a stored audience, audited.
import { z } from 'zod';
import { exportAudienceCsv } from '../../collab/lists.ts';
import { can } from '../trpc.ts';

export const ExportListInput = z.object({ listId: z.uuid() });

export const exportListProcedure = can('export', 'AudienceList')
  .input(ExportListInput)
  .mutation(({ ctx, input }) =>
    exportAudienceCsv(ctx.db, {
      listId: input.listId,
      actor: ctx.user,
      now: ctx.now(),
    }),
  );
