// Cookies for the browser consoles (node session, clean room operator session): reading, per-port names, and
// httpOnly Set-Cookie values (Secure when the request came over HTTPS; each service decides that).
export type Headers = Record<string, string | string[] | undefined>;

export function headerValue(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function readCookie(headers: Headers, name: string): string | undefined {
  const raw = headerValue(headers, 'cookie');
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
 * The cookie name for this request's host: browsers scope cookies by host but not by port, so several services on
 * one machine (127.0.0.1:4000, :4101…) would overwrite each other's cookie. A host with an explicit port gets
 * `<base>_<port>`; a plain host keeps `<base>`.
 */
export function cookieNameFor(base: string, headers: Headers): string {
  const port = headerValue(headers, 'host')?.match(/:(\d+)$/)?.[1];
  return port ? `${base}_${port}` : base;
}

export function bearerToken(headers: Headers): string | undefined {
  const m = headerValue(headers, 'authorization')?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1];
}

/** An httpOnly cookie; `maxAgeSeconds` 0 clears it; `secure` when the request arrived over HTTPS. */
export function httpOnlyCookie(
  name: string,
  value: string,
  opts: { maxAgeSeconds: number; sameSite: 'Lax' | 'Strict'; secure: boolean },
): string {
  const secure = opts.secure ? '; Secure' : '';
  return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=${opts.sameSite}; Max-Age=${opts.maxAgeSeconds}${secure}`;
}
