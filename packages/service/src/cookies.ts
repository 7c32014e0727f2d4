// Cookies for the browser consoles (node session, clean room operator session): reading, per-port names, and
// httpOnly Set-Cookie values (Secure when the request came over HTTPS through a proxy).
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
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
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

/** An httpOnly cookie for `headers`' host; `maxAgeSeconds` 0 clears it. */
export function httpOnlyCookie(
  name: string,
  value: string,
  opts: { maxAgeSeconds: number; sameSite: 'Lax' | 'Strict'; headers: Headers },
): string {
  const secure = headerValue(opts.headers, 'x-forwarded-proto') === 'https' ? '; Secure' : '';
  return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=${opts.sameSite}; Max-Age=${opts.maxAgeSeconds}${secure}`;
}
