// POST /api/imports/{demographics,survey_responses,loyalty_events} — streams a CSV into importRows; NDJSON progress.
import type { Subject } from '@concord/access';
import { type Route, sendError, streamNdjson } from '@concord/service';
import { importRows, type RowFormat, type RowImportResult } from '../../crm/import/row-import.ts';
import { openUpload, type UploadGuardDeps, uploadFailure } from '../../http/upload-guard.ts';

export type AnalyticsImportEvent =
  | { type: 'progress' | 'done'; import: RowImportResult }
  | { type: 'error'; error: { code: string; message: string } };

/** The same gate as every upload: sign-in, CASL, the cross-site rule and the size cap (http/upload-guard.ts). */
export interface AnalyticsImportRouteDeps extends UploadGuardDeps {
  batchSize?: number;
}

/** One route per kind, beside the CRM's /api/imports/:kind (the longest prefix wins). */
export function analyticsImportRoute<T>(
  kind: string,
  subject: Subject,
  format: RowFormat<T>,
  deps: AnalyticsImportRouteDeps,
): Route {
  const path = `/api/imports/${kind}`;
  return {
    prefix: path,
    handler: async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://node');
      if (url.pathname !== path) return sendError(res, 'NOT_FOUND', `POST the CSV as the body to ${path}`);
      if (req.method !== 'POST')
        return sendError(res, 'METHOD_NOT_ALLOWED', `POST the CSV as the body to ${path}`);
      const upload = await openUpload(deps, req, res, { action: 'import', subject });
      if (!upload) return;
      await streamNdjson<AnalyticsImportEvent>(
        res,
        async (send) => {
          const result = await importRows(deps, {
            format,
            source: upload.body,
            batchSize: deps.batchSize,
            onProgress: (progress) => send({ type: 'progress', import: progress }),
          });
          send({ type: 'done', import: result });
        },
        (error) => uploadFailure(deps, req, res, error, { kind }),
      );
    },
  };
}
