// Maps Concord's closed error codes to tRPC once, for every server; and reads the code back in tests and clients.
import { ConcordError, type ErrorCode, isErrorCode } from '@concord/protocol/errors';
import { type IssueLike, summarizeIssues } from '@concord/protocol/humanize';
import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';

const TO_TRPC: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_INPUT: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  IDEMPOTENCY_MISMATCH: 'UNPROCESSABLE_CONTENT',
  CROSS_SITE_REFUSED: 'FORBIDDEN',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_SUPPORTED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  ALREADY_ISSUED: 'CONFLICT',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  CONSENT_MISSING: 'FORBIDDEN',
  COLLABORATION_INACTIVE: 'CONFLICT',
  POLICY_REFUSED: 'FORBIDDEN',
  BELOW_THRESHOLD: 'UNPROCESSABLE_CONTENT',
  BUDGET_EXHAUSTED: 'TOO_MANY_REQUESTS',
  EXPIRED: 'PRECONDITION_FAILED',
  BAD_BATCH: 'BAD_REQUEST',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

const FROM_TRPC: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorCode>> = {
  BAD_REQUEST: 'BAD_INPUT',
  PARSE_ERROR: 'BAD_INPUT',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  METHOD_NOT_SUPPORTED: 'METHOD_NOT_ALLOWED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  UNPROCESSABLE_CONTENT: 'BAD_INPUT',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'UNAVAILABLE',
};

/**
 * Postgres refusing a value — class 22 (data exception: bad encoding, out of range, string too long), 54
 * (program limit: e.g. a value too large for an index entry) or 23514 (a CHECK constraint) — is bad input that
 * got past validation: the client's 400, not the server's 500. The message names no value (those are personal data).
 */
export function databaseRefusal(error: unknown): ConcordError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^((22|54)[0-9A-Z]{3}|23514)$/.test(code)) return undefined;
  return new ConcordError('BAD_INPUT', 'a value in the request cannot be stored', { sqlstate: code });
}

/** Converts anything thrown by a procedure into a TRPCError whose cause keeps the Concord code. */
export function toTrpcError(error: unknown): TRPCError {
  const raw = error instanceof TRPCError && error.cause ? error.cause : error;
  const cause = databaseRefusal(raw) ?? raw;
  if (cause instanceof ConcordError) {
    return new TRPCError({ code: TO_TRPC[cause.code], message: cause.message, cause });
  }
  if (error instanceof TRPCError) return error;
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'internal error', cause: error });
}

/** The Concord code of an error from a server (formatted shape) or from createCaller (TRPCError). */
export function concordCodeOf(error: unknown): ErrorCode | undefined {
  if (error instanceof ConcordError) return error.code;
  if (error instanceof TRPCError) {
    if (error.cause instanceof ConcordError) return error.cause.code;
    if (error.cause instanceof ZodError) return 'BAD_INPUT';
    return FROM_TRPC[error.code] ?? 'INTERNAL';
  }
  const data = (error as { data?: { concordCode?: unknown } } | undefined)?.data;
  if (data && isErrorCode(data.concordCode)) return data.concordCode;
  return undefined;
}

/** What a client needs of one zod issue to word it (@concord/protocol/humanize): no input values, only bounds. */
function issueData(i: ZodError['issues'][number]): IssueLike {
  const raw = i as unknown as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : undefined);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
    code: i.code,
    origin: str(raw.origin),
    format: str(raw.format),
    expected: str(raw.expected),
    minimum: num(raw.minimum),
    maximum: num(raw.maximum),
  };
}

interface ShapeLike {
  message: string;
  data: Record<string, unknown>;
}

/**
 * The errorFormatter for initTRPC: adds `concordCode` (and validation issues) to every error,
 * and hides internal messages so no stack or user data leaves the server.
 */
export function formatConcordError<S extends ShapeLike>({ shape, error }: { shape: S; error: TRPCError }): S {
  const code = concordCodeOf(error) ?? 'INTERNAL';
  const issues = error.cause instanceof ZodError ? error.cause.issues.map(issueData) : undefined;
  const details = error.cause instanceof ConcordError ? error.cause.details : undefined;
  const { stack: _stack, ...data } = shape.data;
  return {
    ...shape,
    // A validation failure's message is zod's JSON; clients get words instead (the issues carry the details).
    message: code === 'INTERNAL' ? 'internal error' : issues ? summarizeIssues(issues) : shape.message,
    data: { ...data, concordCode: code, ...(issues ? { issues } : {}), ...(details ? { details } : {}) },
  };
}

/**
 * The one tRPC instance of a service, with the error formatter and the middleware that turns whatever a procedure
 * throws into the right TRPCError once (domain code throws ConcordError). Both the node and the clean room build
 * their procedures on it, so the two APIs answer errors the same way.
 */
export function initConcordTrpc<Ctx extends object>() {
  const t = initTRPC.context<Ctx>().create({ errorFormatter: formatConcordError });
  const mapErrors = t.middleware(async ({ next }) => {
    const result = await next();
    if (!result.ok) throw toTrpcError(result.error);
    return result;
  });
  return { t, mapErrors };
}
