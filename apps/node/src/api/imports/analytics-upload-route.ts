// POST /api/imports/{demographics,survey_responses,loyalty_events} — streams a CSV into importRows; NDJSON progress.
import type { Subject } from '@concord/access';
import { type Logger, type Route, sendError, streamNdjson } from '@concord/service';
import type { Kysely } from 'kysely';
import { type Authenticate, authorizeRequest } from '../../auth/authorize-request.ts';
import { importRows, type RowFormat, type RowImportResult } from '../../crm/import/row-import.ts';
import type { Database } from '../../db/database.ts';

export type AnalyticsImportEvent =
  | { type: 'progress' | 'done'; import: RowImportResult }
  | { type: 'error'; error: { code: string; message: string } };

export interface AnalyticsImportRouteDeps {
  db: Kysely<Database>;
  logger: Logger;
  authenticate?: Authenticate;
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
      if (req.method !== 'POST' || url.pathname !== path)
        return sendError(res, 'BAD_INPUT', `POST the CSV as the body to ${path}`);
      const user = await authorizeRequest(
        deps.db,
        req,
        res,
        { action: 'import', subject },
        deps.authenticate,
      );
      if (!user) return;
      await streamNdjson<AnalyticsImportEvent>(
        res,
        async (send) => {
          const result = await importRows(deps.db, format, req, {
            batchSize: deps.batchSize,
            onProgress: (progress) => send({ type: 'progress', import: progress }),
          });
          send({ type: 'done', import: result });
        },
        (error) => {
          deps.logger.error({ err: error, kind }, 'analytics import failed');
          return { type: 'error', error: { code: 'INTERNAL', message: 'internal error' } };
        },
      );
    },
  };
}
