// POST /api/imports/consents — streams a consent CSV body into importConsentsCsv; answers NDJSON progress, then the result.
import { type Route, sendError, streamNdjson } from '@concord/service';
import { type ConsentImportResult, importConsentsCsv } from '../../consent/import.ts';
import { openUpload, type UploadGuardDeps, uploadFailure } from '../../http/upload-guard.ts';

// Beside the CRM's /api/imports/:kind (longest prefix wins), so the CLI's streaming upload works unchanged.
export const CONSENT_IMPORT_ROUTE = '/api/imports/consents';

/** One NDJSON line: `progress` after each committed batch, then `done` (with every bad row) or `error`. */
export type ConsentImportEvent =
  | { type: 'progress'; import: Omit<ConsentImportResult, 'errors'> }
  | { type: 'done'; import: ConsentImportResult }
  | { type: 'error'; error: { code: string; message: string } };

export interface ConsentImportRouteDeps extends UploadGuardDeps {
  batchSize?: number;
}

export function consentImportRoute(deps: ConsentImportRouteDeps): Route {
  return {
    prefix: CONSENT_IMPORT_ROUTE,
    handler: async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://node');
      if (url.pathname !== CONSENT_IMPORT_ROUTE)
        return sendError(res, 'NOT_FOUND', `POST the CSV as the body to ${CONSENT_IMPORT_ROUTE}`);
      if (req.method !== 'POST')
        return sendError(res, 'METHOD_NOT_ALLOWED', `POST the CSV as the body to ${CONSENT_IMPORT_ROUTE}`);
      const upload = await openUpload(deps, req, res, { action: 'import', subject: 'Consent' });
      if (!upload) return;
      const { user, body } = upload;
      await streamNdjson<ConsentImportEvent>(
        res,
        async (send) => {
          const result = await importConsentsCsv(
            { db: deps.db, now: deps.now },
            {
              source: body,
              actor: user,
              fileName: url.searchParams.get('fileName') ?? 'upload.csv',
              batchSize: deps.batchSize,
              onProgress: (progress) => send({ type: 'progress', import: progress }),
            },
          );
          send({ type: 'done', import: result });
        },
        (error) => uploadFailure(deps, req, res, error, { kind: 'consents' }),
      );
    },
  };
}
