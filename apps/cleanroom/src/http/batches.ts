// The binary upload route: `PUT /v1/versions/:versionId/batches/:seq`, body = one batch (application/octet-stream).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BATCH_HEADER_SIZE, MAX_BATCH_RECORDS, RECORD_SIZE } from '@concord/protocol/batch';
import { ConcordError, httpStatusOf } from '@concord/protocol/errors';
import { type Handler, type Logger, sendJson } from '@concord/service';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { type IngestDeps, storeBatch } from '../ingest/batches.ts';
import { authenticatePartner } from '../partners/partners.ts';

const PATH = /^\/v1\/versions\/([0-9a-f-]{36})\/batches\/(\d{1,7})$/;
const MAX_BODY = BATCH_HEADER_SIZE + MAX_BATCH_RECORDS * RECORD_SIZE;

function bearerOf(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
}

function sendError(res: ServerResponse, error: ConcordError): void {
  sendJson(res, httpStatusOf(error.code), {
    error: { message: error.message, data: { concordCode: error.code, details: error.details } },
  });
}

/** Caps the body at MAX_BODY bytes while streaming it. */
async function* limited(req: IncomingMessage): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_BODY) throw new ConcordError('BAD_BATCH', `batch body exceeds ${MAX_BODY} bytes`);
    yield chunk;
  }
}

export function batchUploadHandler(
  deps: IngestDeps & { db: Kysely<Database>; logger: Logger; now: () => Date },
): Handler {
  return async (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const m = PATH.exec(path);
    try {
      if (!m || req.method !== 'PUT')
        throw new ConcordError('NOT_FOUND', `no route for ${req.method} ${path}`);
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > MAX_BODY) throw new ConcordError('BAD_BATCH', `batch body exceeds ${MAX_BODY} bytes`);
      const partner = await authenticatePartner(deps.db, bearerOf(req));
      const out = await storeBatch(deps, deps.now(), partner, m[1] as string, Number(m[2]), limited(req));
      sendJson(res, 200, out);
    } catch (error) {
      if (!(error instanceof ConcordError)) {
        deps.logger.error({ err: error, path }, 'batch upload failed');
        sendError(res, new ConcordError('INTERNAL', 'internal error'));
      } else sendError(res, error);
      // Drain an unread body so the client gets our answer instead of a reset connection.
      if (!req.complete) req.resume();
    }
  };
}
