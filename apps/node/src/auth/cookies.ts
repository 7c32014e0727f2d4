// The session cookie: `concord_session`, httpOnly, SameSite=Lax; Secure when the request came over HTTPS
// (TLS on this process, or a trusted proxy's X-Forwarded-Proto: see http/request-origin.ts).
export const SESSION_COOKIE = 'concord_session';

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function readCookie(headers: Headers, name: string): string | undefined {
  const raw = header(headers, 'cookie');
  if (!raw) return undefined;
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeValue(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** A malformed %-escape makes the cookie unusable, like a missing one: the caller is anonymous, not a 500. */
function decodeValue(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * The cookie name for this request's host: browsers scope cookies by host but not by port, so several nodes on
 * one machine (the local federation: 127.0.0.1:4101, :4102…) would overwrite each other's `concord_session`.
 * A host with an explicit port gets `concord_session_<port>`; a plain host keeps `concord_session`.
 */
export function sessionCookieName(headers: Headers): string {
  const port = header(headers, 'host')?.match(/:(\d+)$/)?.[1];
  return port ? `${SESSION_COOKIE}_${port}` : SESSION_COOKIE;
}

export function bearerToken(headers: Headers): string | undefined {
  const auth = header(headers, 'authorization');
  const m = auth?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1];
}

export function sessionCookie(
  token: string,
  maxAgeSeconds: number,
  headers: Headers,
  secure: boolean,
): string {
  return `${sessionCookieName(headers)}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(headers: Headers, secure: boolean): string {
  return `${sessionCookieName(headers)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}
