// imports.errors: the rejected rows of an import (line, column, reason), paged by line.
import { z } from 'zod';
import { listImportErrors } from '../../crm/import/jobs.ts';
import { can } from '../trpc.ts';

export const ImportErrorsInput = z.object({
  id: z.string().uuid(),
  afterLine: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const errors = can('read', 'Import')
  .input(ImportErrorsInput)
  .query(({ ctx, input }) => listImportErrors(ctx.db, input.id, input));
