// A small HTTP host shared by the node and the clean room: /healthz, routing to handlers, graceful shutdown.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { ConcordError, type ErrorCode, httpStatusOf } from '@concord/protocol/errors';
import { StartupError } from './fatal.ts';
import type { Logger } from './logger.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Route {
  /** Path prefix, e.g. `/trpc`; the longest matching prefix wins. */
  prefix: string;
  handler: Handler;
}

export interface HttpServiceOptions {
  service: string;
  version: string;
  host?: string;
  port: number;
  routes: Route[];
  logger: Logger;
  /** Extra readiness check for /healthz (e.g. `select 1`); a throw makes /healthz answer 503. */
  health?: () => Promise<Record<string, unknown> | undefined>;
  /** Serve HTTPS directly with this certificate and key (PEM); plain HTTP when absent. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Headers set on every response (security headers), before any route runs. */
  responseHeaders?: Record<string, string>;
}

export interface RunningService {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A Concord error reply, `{ error: { code, message } }`, with the HTTP status of the code. */
export function sendError(res: ServerResponse, code: ErrorCode, message: string): void {
  sendJson(res, httpStatusOf(code), { error: { code, message } });
}

export async function startHttpService(opts: HttpServiceOptions): Promise<RunningService> {
  const routes = [...opts.routes].sort((a, b) => b.prefix.length - a.prefix.length);
  const server = (opts.tls ? createTlsServer(opts.tls) : createServer()) as Server;
  server.on('request', async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    for (const [name, value] of Object.entries(opts.responseHeaders ?? {})) res.setHeader(name, value);
    try {
      if (path === '/healthz') {
        const extra = opts.health ? await opts.health() : undefined;
        return sendJson(res, 200, { ok: true, service: opts.service, version: opts.version, ...extra });
      }
      const route = routes.find(
        (r) =>
          path === r.prefix ||
          path.startsWith(r.prefix.endsWith('/') ? r.prefix : `${r.prefix}/`) ||
          r.prefix === '/',
      );
      if (!route)
        return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no route for ${path}` } });
      await route.handler(req, res);
    } catch (error) {
      // A refusal of bad input thrown by a handler is the client's mistake: its own 4xx, no error log.
      if (error instanceof ConcordError && httpStatusOf(error.code) < 500) {
        if (!res.headersSent) sendError(res, error.code, error.message);
        else res.end();
        return;
      }
      // Only the first path segment: the rest of a console or upload path may carry values.
      opts.logger.error({ err: error, route: `/${path.split('/')[1] ?? ''}` }, 'request failed');
      if (!res.headersSent) {
        const status = path === '/healthz' ? 503 : 500;
        sendJson(res, status, {
          ok: false,
          error: { code: status === 503 ? 'UNAVAILABLE' : 'INTERNAL', message: 'internal error' },
        });
      } else res.end();
    }
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new StartupError(`port ${opts.port} is already in use`));
      else if (err.code === 'EACCES')
        reject(new StartupError(`no permission to listen on port ${opts.port}`));
      else reject(new StartupError(`cannot listen on port ${opts.port}: ${err.message}`));
    });
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `${opts.tls ? 'https' : 'http'}://${opts.host ?? '127.0.0.1'}:${port}`;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      // Give in-flight requests a moment, then cut the rest so shutdown never hangs.
      setTimeout(() => server.closeAllConnections(), 3000).unref();
    });
    return closing;
  };
  return { server, url, port, close };
}

/** Calls `shutdown` once on SIGINT/SIGTERM, then exits. */
export function onShutdownSignal(logger: Logger, shutdown: () => Promise<void>): void {
  let done = false;
  const handler = (signal: string) => {
    if (done) return;
    done = true;
    logger.info({ signal }, 'shutting down');
    shutdown()
      .catch((err) => logger.error({ err }, 'shutdown failed'))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
