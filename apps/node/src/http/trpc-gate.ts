// What runs before tRPC sees a request: the cross-site rule, who is calling, and the body read with a size cap.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConcordError } from '@concord/protocol/errors';
import { closeAfterReply, decodeUtf8, type Handler, readBodyCapped } from '@concord/service';
import { toTrpcError } from '@concord/service/trpc';
import { getTRPCErrorShape } from '@trpc/server';
import type { SessionUser } from '../api/context.ts';
import { appRouter } from '../api/router.ts';
import type { Authenticate } from '../auth/authorize-request.ts';
import type { Deps } from '../deps.ts';
import { crossSiteRefusal } from './request-origin.ts';

/**
 * Anonymous callers can only sign in or out: their bodies are tiny. Capping them far below the signed-in limit
 * means a stranger cannot make the node hold more than this per connection.
 */
export const ANONYMOUS_BODY_LIMIT = 16 * 1024;

export interface TrpcGateDeps extends Pick<Deps, 'db' | 'now'> {
  authenticate: Authenticate;
  maxBodyBytes: number;
  trustProxy: boolean;
}

/** The caller found by the gate, so createContext does not look the session up a second time. */
const callers = new WeakMap<IncomingMessage, SessionUser | null>();

export function gatedCaller(req: IncomingMessage): SessionUser | null | undefined {
  return callers.get(req);
}

/** Wraps the tRPC handler: refusals are answered in tRPC's own error shape, so clients read the code as usual. */
export function trpcGate(deps: TrpcGateDeps, trpc: Handler): Handler {
  return async (req, res) => {
    try {
      const refusal = crossSiteRefusal(req, deps.trustProxy);
      if (refusal) throw refusal;
      const user = await deps.authenticate(deps, req.headers);
      callers.set(req, user);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const body = await readBodyCapped(req, user ? deps.maxBodyBytes : ANONYMOUS_BODY_LIMIT);
        // tRPC's node adapter takes a string `req.body` as the body instead of reading the stream again.
        Object.assign(req, { body: decodeUtf8(body) });
      }
    } catch (error) {
      // A client that hung up mid-body left nobody to answer.
      if (!(error instanceof ConcordError) && req.readableAborted) return;
      if (!(error instanceof ConcordError)) throw error;
      closeAfterReply(req, res);
      return sendTrpcError(req, res, error);
    }
    return trpc(req, res);
  };
}

function sendTrpcError(req: IncomingMessage, res: ServerResponse, error: ConcordError): void {
  const url = new URL(req.url ?? '/', 'http://node');
  const paths = url.pathname.replace(/^\/trpc\/?/, '').split(',');
  const shape = getTRPCErrorShape({
    config: appRouter._def._config,
    error: toTrpcError(error),
    type: 'unknown',
    path: paths.length === 1 ? paths[0] : undefined,
    input: undefined,
    ctx: undefined,
  });
  const batch = url.searchParams.get('batch') === '1';
  const body = JSON.stringify(batch ? paths.map(() => ({ error: shape })) : { error: shape });
  res.writeHead(shape.data.httpStatus, { 'content-type': 'application/json' });
  res.end(body);
}
