// POST /api/imports/:kind — streams a raw CSV body into importCsv and answers with NDJSON progress lines.
import { ConcordError } from '@concord/protocol/errors';
import { type Logger, type Route, sendError, streamNdjson } from '@concord/service';
import type { Kysely } from 'kysely';
import { type Authenticate, authorizeRequest } from '../../auth/authorize-request.ts';
import { importCsv } from '../../crm/import/import-csv.ts';
import { getImport, type ImportSummary } from '../../crm/import/jobs.ts';
import type { Database } from '../../db/database.ts';
import type { ImportKind } from '../../db/tables/crm.table.ts';

export const IMPORT_ROUTE_PREFIX = '/api/imports';

/** One line of the NDJSON response: `started` and `progress` while reading, then `done` or `error`. */
export type ImportEvent =
  | { type: 'started' | 'progress' | 'done'; import: ImportSummary }
  | { type: 'error'; error: { code: string; message: string } };

export interface ImportRouteDeps {
  db: Kysely<Database>;
  logger: Logger;
  /** Region for phone numbers without a country code. */
  defaultRegion: string;
  /** Who is calling (session cookie or API token); injectable for tests. */
  authenticate?: Authenticate;
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
      if (req.method !== 'POST') return sendError(res, 'BAD_INPUT', 'use POST with the CSV as the body');
      if (!KINDS.includes(kind))
        return sendError(res, 'NOT_FOUND', `unknown import kind; use ${KINDS.join(', ')}`);
      const subject = kind === 'customers' ? 'Customer' : 'Interaction';
      const user = await authorizeRequest(
        deps.db,
        req,
        res,
        { action: 'import', subject },
        deps.authenticate,
      );
      if (!user) return;
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
      await streamNdjson<ImportEvent>(
        res,
        async (send) => {
          const summary = await importCsv(deps.db, kind, req, {
            importId,
            fileName: url.searchParams.get('fileName'),
            createdBy: user.id,
            defaultRegion: deps.defaultRegion,
            flagDuplicates: url.searchParams.get('flagDuplicates') !== '0',
            batchSize: deps.batchSize,
            onStart: (job) => send({ type: 'started', import: job }),
            onProgress: (progress) => send({ type: 'progress', import: progress }),
          });
          send({ type: 'done', import: summary });
        },
        (error) => {
          deps.logger.error({ err: error, kind }, 'import failed');
          return error instanceof ConcordError
            ? { type: 'error', error: { code: error.code, message: error.message } }
            : { type: 'error', error: { code: 'INTERNAL', message: 'internal error' } };
        },
      );
    },
  };
}
