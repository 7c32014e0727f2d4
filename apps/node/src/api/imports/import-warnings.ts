// imports.warnings: rows that landed with warnings (invalid identifier kept, region inferred, implausible number).
import { listImportWarnings } from '../../crm/import/jobs.ts';
import { can } from '../trpc.ts';
import { ImportErrorsInput } from './import-errors.ts';

export const warnings = can('read', 'Import')
  .input(ImportErrorsInput)
  .query(({ ctx, input }) => listImportWarnings(ctx.db, input.id, input));
