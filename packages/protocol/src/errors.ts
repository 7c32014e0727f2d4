// The one closed set of error codes Concord returns, shared by nodes, the clean room and the console.
// Each code is mapped once to an HTTP status (and tRPC code) in the servers' error formatters.

export const ERROR_CODES = {
  /** Input failed validation (zod); `details` lists the issues. */
  BAD_INPUT: 400,
  /** No valid session or credential was presented. */
  UNAUTHENTICATED: 401,
  /** Authenticated, but the caller's role or partner may not do this. */
  FORBIDDEN: 403,
  /** The thing does not exist or is not visible to the caller (never reveals which). */
  NOT_FOUND: 404,
  /** The request conflicts with current state (duplicate name, already approved, wrong lifecycle step). */
  CONFLICT: 409,
  /** The same idempotency key was reused with a different request body. */
  IDEMPOTENCY_MISMATCH: 422,
  /** A state-changing request with the session cookie came from another site (no X-Concord-Request, foreign Origin). */
  CROSS_SITE_REFUSED: 403,
  /** The HTTP method is not the one the endpoint takes (a query sent as POST, a mutation as GET). */
  METHOD_NOT_ALLOWED: 405,
  /** The request body is larger than the endpoint accepts; the server stopped reading it. */
  PAYLOAD_TOO_LARGE: 413,
  /** The body's content type is not one the endpoint reads (tRPC takes JSON). */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /**
   * A replay of a request that issued a secret (credential, token): secrets are shown once and never stored;
   * rotate to get a new one.
   */
  ALREADY_ISSUED: 409,
  /** Too many attempts (login); retry later. */
  RATE_LIMITED: 429,
  /** No valid consent covers this purpose and recipient. */
  CONSENT_MISSING: 403,
  /** The collaboration is not active (pending approval, suspended, left or expired). */
  COLLABORATION_INACTIVE: 409,
  /** The collaboration's policy does not allow this output kind or purpose. */
  POLICY_REFUSED: 403,
  /** The result would fall below the collaboration's kMin threshold. */
  BELOW_THRESHOLD: 422,
  /** The requester's differential-privacy epsilon budget is exhausted. */
  BUDGET_EXHAUSTED: 429,
  /** The list, publication or collaboration has expired. */
  EXPIRED: 412,
  /** A binary batch or upload was malformed. */
  BAD_BATCH: 400,
  /** A dependency (database, clean room) could not be reached. */
  UNAVAILABLE: 503,
  /** A bug: logged with a request id, never with user data. */
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A domain error carrying one of the closed codes; thrown by domain code, mapped once at the edge. */
export class ConcordError extends Error {
  override readonly name = 'ConcordError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code];
}
