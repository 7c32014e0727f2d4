// imports.*: progress, errors and warnings of CSV imports, column-mapping templates and the rejected-rows file
// (the upload itself is the HTTP route POST /api/imports/:kind).
import { router } from '../trpc.ts';
import { deleteTemplateProcedure } from './delete-template.ts';
import { get } from './get-import.ts';
import { errors } from './import-errors.ts';
import { formats } from './import-formats.ts';
import { warnings } from './import-warnings.ts';
import { list } from './list-imports.ts';
import { templates } from './list-templates.ts';
import { rejectedCsv } from './rejected-csv.ts';
import { saveTemplateProcedure } from './save-template.ts';

export const importsRouter = router({
  list,
  get,
  errors,
  warnings,
  rejectedCsv,
  formats,
  templates,
  saveTemplate: saveTemplateProcedure,
  deleteTemplate: deleteTemplateProcedure,
});
