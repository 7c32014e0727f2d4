// The gate in front of the streaming CSV uploads: signed in and allowed, same-site, and a size cap on the stream.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Action, Subject } from '@concord/access';
import { ConcordError, httpStatusOf } from '@concord/protocol/errors';
import { capStream, closeAfterReply, declaredLength, sendError, tooLarge } from '@concord/service';
import type { SessionUser } from '../api/context.ts';
import { type Authenticate, authorizeRequest } from '../auth/authorize-request.ts';
import type { Deps } from '../deps.ts';
import { crossSiteRefusal } from './request-origin.ts';

/** The default cap on one upload (a CSV of several million rows); `maxUploadBytes` in the node config. */
export const DEFAULT_UPLOAD_LIMIT = 2 * 1024 ** 3;

export interface UploadGuardDeps extends Deps {
  /** Who is calling (session cookie or API token); injectable for tests. */
  authenticate?: Authenticate;
  maxUploadBytes?: number;
  trustProxy?: boolean;
}

export interface OpenUpload {
  user: SessionUser;
  /** The request body, failing with PAYLOAD_TOO_LARGE once it passes the cap. */
  body: AsyncIterable<Buffer>;
}

/**
 * Checks everything that needs no body byte — sign-in, CASL, the cross-site rule, a declared length over the
 * cap — and answers the refusal itself (returning null) without reading the upload.
 */
export async function openUpload(
  deps: UploadGuardDeps,
  req: IncomingMessage,
  res: ServerResponse,
  can: { action: Action; subject: Subject },
): Promise<OpenUpload | null> {
  const user = await authorizeRequest(deps, { req, can });
  const limit = deps.maxUploadBytes ?? DEFAULT_UPLOAD_LIMIT;
  const refusal =
    user instanceof ConcordError
      ? user
      : (crossSiteRefusal(req, deps.trustProxy ?? false) ??
        ((declaredLength(req) ?? 0) > limit ? tooLarge(limit) : undefined));
  if (refusal || user instanceof ConcordError) {
    closeAfterReply(req, res);
    if (refusal) sendError(res, refusal.code, refusal.message);
    return null;
  }
  // Not destroyed when the import stops early (cap passed): the reply still has to reach the client.
  return { user, body: capStream<Buffer>(req.iterator({ destroyOnReturn: false }), limit) };
}

/** The last NDJSON line of a failed upload: refusals keep their code (and the rest is not read); bugs are logged. */
export function uploadFailure(
  deps: UploadGuardDeps,
  req: IncomingMessage,
  res: ServerResponse,
  error: unknown,
  what: Record<string, unknown>,
): { type: 'error'; error: { code: string; message: string } } {
  if (error instanceof ConcordError && httpStatusOf(error.code) < 500) {
    if (error.code === 'PAYLOAD_TOO_LARGE') closeAfterReply(req, res);
    return { type: 'error', error: { code: error.code, message: error.message } };
  }
  deps.logger.error({ err: error, ...what }, 'import failed');
  return error instanceof ConcordError
    ? { type: 'error', error: { code: error.code, message: error.message } }
    : { type: 'error', error: { code: 'INTERNAL', message: 'internal error' } };
}
