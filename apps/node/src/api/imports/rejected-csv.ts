// imports.rejectedCsv: the rejected rows of an import as a CSV download (line, column, reason).
import { z } from 'zod';
import { rejectedRowsCsv } from '../../crm/import/rejected-csv.ts';
import { can } from '../trpc.ts';

export const rejectedCsv = can('read', 'Import')
  .input(z.object({ id: z.string().uuid() }))
  .query(({ ctx, input }) => rejectedRowsCsv(ctx.db, input.id));
