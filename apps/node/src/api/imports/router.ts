// imports.*: progress, errors and warnings of CSV imports (the upload itself is the HTTP route POST /api/imports/:kind).
import { router } from '../trpc.ts';
import { get } from './get-import.ts';
import { errors } from './import-errors.ts';
import { warnings } from './import-warnings.ts';
import { list } from './list-imports.ts';

export const importsRouter = router({ list, get, errors, warnings });
