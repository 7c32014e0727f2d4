// Headers on every node response: a strict CSP for the console (no inline script or style, no framing),
// no MIME sniffing, no referrer to other sites.

/**
 * The console is one bundle from `/assets`: scripts, styles and fonts only from the node itself; `data:` for the
 * small images and fonts Vite inlines; API calls only to the node. `frame-ancestors 'none'` forbids framing
 * (clickjacking); `base-uri`/`form-action` stop injected markup from redirecting links or forms.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // Older browsers that ignore frame-ancestors.
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** Over HTTPS (directly or via a trusted proxy) browsers are told to stay on HTTPS for a year. */
export const HSTS = 'max-age=31536000';
