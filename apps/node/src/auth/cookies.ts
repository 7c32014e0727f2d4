// The session cookie: `concord_session`, httpOnly, SameSite=Lax; Secure when the request came over HTTPS
// (TLS on this process, or a trusted proxy's X-Forwarded-Proto: see http/request-origin.ts).
import { bearerToken, cookieNameFor, type Headers, httpOnlyCookie, readCookie } from '@concord/service';

export { bearerToken, readCookie };

export const SESSION_COOKIE = 'concord_session';

/** `concord_session_<port>` for a host with a port (several nodes on one machine), else `concord_session`. */
export function sessionCookieName(headers: Headers): string {
  return cookieNameFor(SESSION_COOKIE, headers);
}

export function sessionCookie(
  token: string,
  maxAgeSeconds: number,
  headers: Headers,
  secure: boolean,
): string {
  return httpOnlyCookie(sessionCookieName(headers), token, { maxAgeSeconds, sameSite: 'Lax', secure });
}

export function clearedSessionCookie(headers: Headers, secure: boolean): string {
  return httpOnlyCookie(sessionCookieName(headers), '', { maxAgeSeconds: 0, sameSite: 'Lax', secure });
}
