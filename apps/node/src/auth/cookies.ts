// The session cookie: `concord_session`, httpOnly, SameSite=Lax; Secure when the request came over HTTPS.
import { bearerToken, cookieNameFor, type Headers, httpOnlyCookie, readCookie } from '@concord/service';

export { bearerToken, readCookie };

export const SESSION_COOKIE = 'concord_session';

/** `concord_session_<port>` for a host with a port (several nodes on one machine), else `concord_session`. */
export function sessionCookieName(headers: Headers): string {
  return cookieNameFor(SESSION_COOKIE, headers);
}

export function sessionCookie(token: string, maxAgeSeconds: number, headers: Headers): string {
  return httpOnlyCookie(sessionCookieName(headers), token, { maxAgeSeconds, sameSite: 'Lax', headers });
}

export function clearedSessionCookie(headers: Headers): string {
  return httpOnlyCookie(sessionCookieName(headers), '', { maxAgeSeconds: 0, sameSite: 'Lax', headers });
}
