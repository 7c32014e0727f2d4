// Where a request came from: the client address, whether it arrived over HTTPS, and whether a browser sent it
// from this node's own console (the CSRF rule for every cookie-authenticated state change).
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { ConcordError } from '@concord/protocol/errors';
import { bearerToken } from '../auth/cookies.ts';

/** The header the console sends with every request; a page on another site cannot add it without CORS. */
export const CONSOLE_HEADER = 'x-concord-request';

type Headers = IncomingMessage['headers'];

function first(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  const value = Array.isArray(v) ? v[0] : v;
  return value?.split(',')[0]?.trim() || undefined;
}

/**
 * HTTPS when this process terminated TLS itself, or — only when configured to trust its proxy — when the proxy
 * says so in X-Forwarded-Proto. Without trust the header is ignored: any client could send it.
 */
export function isSecureRequest(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as Partial<TLSSocket>).encrypted) return true;
  return trustProxy && first(req.headers, 'x-forwarded-proto') === 'https';
}

/** The client address: the socket peer, or behind a trusted proxy the address that proxy appended last. */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',');
  const last = list?.[list.length - 1]?.trim();
  return last || req.socket.remoteAddress || 'unknown';
}

/** `scheme://host[:port]` of this node as the browser addressed it. */
export function ownOrigin(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const host = (trustProxy ? first(req.headers, 'x-forwarded-host') : undefined) ?? req.headers.host;
  if (!host) return undefined;
  return `${isSecureRequest(req, trustProxy) ? 'https' : 'http'}://${host.toLowerCase()}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state change a browser could have sent from another site with the user's cookie. Allowed: safe
 * methods; bearer tokens (never attached by a browser on its own); the console's custom header (a non-simple
 * request, which another origin cannot send without a CORS preflight this node never grants); or an Origin equal
 * to this node's own (scheme, host and port — another port on the same host is another site).
 */
export function crossSiteRefusal(req: IncomingMessage, trustProxy: boolean): ConcordError | null {
  if (SAFE_METHODS.has(req.method ?? 'GET')) return null;
  if (bearerToken(req.headers)) return null;
  if (req.headers[CONSOLE_HEADER] !== undefined) return null;
  const origin = first(req.headers, 'origin')?.toLowerCase();
  if (origin && origin === ownOrigin(req, trustProxy)) return null;
  return new ConcordError(
    'CROSS_SITE_REFUSED',
    `state changes need the ${CONSOLE_HEADER} header or this node's own Origin`,
  );
}
