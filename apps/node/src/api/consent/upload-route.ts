// POST /api/imports/consents — streams a consent CSV body into importConsentsCsv; answers NDJSON progress, then the result.
import { type Logger, type Route, sendError, streamNdjson } from '@concord/service';
import type { Kysely } from 'kysely';
import { type Authenticate, authorizeRequest } from '../../auth/authorize-request.ts';
import { type ConsentImportResult, importConsentsCsv } from '../../consent/import.ts';
import type { Database } from '../../db/database.ts';

// Beside the CRM's /api/imports/:kind (longest prefix wins), so the CLI's streaming upload works unchanged.
export const CONSENT_IMPORT_ROUTE = '/api/imports/consents';

/** One NDJSON line: `progress` after each committed batch, then `done` (with every bad row) or `error`. */
export type ConsentImportEvent =
  | { type: 'progress'; import: Omit<ConsentImportResult, 'errors'> }
  | { type: 'done'; import: ConsentImportResult }
  | { type: 'error'; error: { code: string; message: string } };

export interface ConsentImportRouteDeps {
  db: Kysely<Database>;
  logger: Logger;
  authenticate?: Authenticate;
  batchSize?: number;
}

export function consentImportRoute(deps: ConsentImportRouteDeps): Route {
  return {
    prefix: CONSENT_IMPORT_ROUTE,
    handler: async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://node');
      if (req.method !== 'POST' || url.pathname !== CONSENT_IMPORT_ROUTE)
        return sendError(res, 'BAD_INPUT', `POST the CSV as the body to ${CONSENT_IMPORT_ROUTE}`);
      const can = { action: 'import', subject: 'Consent' } as const;
      const user = await authorizeRequest(deps.db, req, res, can, deps.authenticate);
      if (!user) return;
      await streamNdjson<ConsentImportEvent>(
        res,
        async (send) => {
          const result = await importConsentsCsv(deps.db, req, {
            actor: user,
            fileName: url.searchParams.get('fileName') ?? 'upload.csv',
            batchSize: deps.batchSize,
            onProgress: (progress) => send({ type: 'progress', import: progress }),
          });
          send({ type: 'done', import: result });
        },
        (error) => {
          deps.logger.error({ err: error }, 'consent import failed');
          return { type: 'error', error: { code: 'INTERNAL', message: 'internal error' } };
        },
      );
    },
  };
}
