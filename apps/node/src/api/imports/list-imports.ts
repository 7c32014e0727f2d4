// imports.list: recent CSV imports with their counters, newest first.
import { z } from 'zod';
import { listImports } from '../../crm/import/jobs.ts';
import { can } from '../trpc.ts';

export const ListImportsInput = z.object({
  kind: z.enum(['customers', 'purchases', 'interactions']).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  before: z.coerce.date().optional(),
});

export const list = can('read', 'Import')
  .input(ListImportsInput)
  .query(({ ctx, input }) => listImports(ctx.db, input));
