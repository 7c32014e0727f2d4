// POST /api/imports/:kind — streams a raw CSV body into importCsv and answers with NDJSON progress lines.
import { ConcordError } from '@concord/protocol/errors';
import { type Route, sendError, streamNdjson } from '@concord/service';
import { importCsv } from '../../crm/import/import-csv.ts';
import { getImport, type ImportSummary } from '../../crm/import/jobs.ts';
import { type ColumnMapping, parseMappingParam } from '../../crm/import/mapping.ts';
import { getTemplate } from '../../crm/import/templates.ts';
import type { ImportKind } from '../../db/tables/crm.table.ts';
import { openUpload, type UploadGuardDeps, uploadFailure } from '../../http/upload-guard.ts';

export const IMPORT_ROUTE_PREFIX = '/api/imports';

/** One line of the NDJSON response: `started` and `progress` while reading, then `done` or `error`. */
export type ImportEvent =
  | { type: 'started' | 'progress' | 'done'; import: ImportSummary }
  | { type: 'error'; error: { code: string; message: string } };

export interface ImportRouteDeps extends UploadGuardDeps {
  /** Region for phone numbers without a country code. */
  defaultRegion: string;
  batchSize?: number;
}

const KINDS: readonly ImportKind[] = ['customers', 'purchases', 'interactions'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function importUploadRoute(deps: ImportRouteDeps): Route {
  return {
    prefix: IMPORT_ROUTE_PREFIX,
    handler: async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://node');
      const kind = url.pathname.slice(IMPORT_ROUTE_PREFIX.length + 1) as ImportKind;
      if (req.method !== 'POST')
        return sendError(res, 'METHOD_NOT_ALLOWED', 'use POST with the CSV as the body');
      if (!KINDS.includes(kind))
        return sendError(res, 'NOT_FOUND', `unknown import kind; use ${KINDS.join(', ')}`);
      const subject = kind === 'customers' ? 'Customer' : 'Interaction';
      const upload = await openUpload(deps, req, res, { action: 'import', subject });
      if (!upload) return;
      const { user, body } = upload;
      const importId = url.searchParams.get('importId') ?? undefined;
      if (importId !== undefined) {
        if (!UUID.test(importId)) return sendError(res, 'BAD_INPUT', 'importId must be a uuid');
        try {
          const job = await getImport(deps.db, importId);
          if (job.kind !== kind)
            return sendError(res, 'CONFLICT', `import ${importId} is a ${job.kind} import`);
        } catch (error) {
          if (error instanceof ConcordError) return sendError(res, error.code, error.message);
          throw error;
        }
      }
      let mapping: ColumnMapping | undefined;
      try {
        mapping = await mappingOf(deps, kind, url.searchParams);
      } catch (error) {
        if (error instanceof ConcordError) return sendError(res, error.code, error.message);
        throw error;
      }
      await streamNdjson<ImportEvent>(
        res,
        async (send) => {
          const summary = await importCsv(deps, {
            kind,
            source: body,
            importId,
            fileName: url.searchParams.get('fileName'),
            createdBy: user.id,
            defaultRegion: deps.defaultRegion,
            flagDuplicates: url.searchParams.get('flagDuplicates') !== '0',
            batchSize: deps.batchSize,
            mapping,
            onStart: (job) => send({ type: 'started', import: job }),
            onProgress: (progress) => send({ type: 'progress', import: progress }),
          });
          send({ type: 'done', import: summary });
        },
        (error) => uploadFailure(deps, req, res, error, { kind }),
      );
    },
  };
}

/** `mapping` (JSON) or `templateId` (a saved template of the same kind); neither = the file's own header. */
async function mappingOf(
  deps: ImportRouteDeps,
  kind: ImportKind,
  params: URLSearchParams,
): Promise<ColumnMapping | undefined> {
  const templateId = params.get('templateId');
  if (templateId === null) return parseMappingParam(params.get('mapping'));
  if (!UUID.test(templateId)) throw new ConcordError('BAD_INPUT', 'templateId must be a uuid');
  const template = await getTemplate(deps.db, templateId);
  if (template.kind !== kind) {
    throw new ConcordError('CONFLICT', `template "${template.name}" is for ${template.kind} imports`);
  }
  return template.mapping;
}
