// Typed HTTP client for the clean room, used by nodes and the CLI: bearer auth, idempotency keys, zod-checked outputs.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  batchPath,
  PROCEDURES,
  type ProcedureInput,
  type ProcedureName,
  type ProcedureOutput,
  type Procedures,
} from './contract/procedures.ts';
import { UploadBatchOutput } from './contract/publications.ts';
import { ConcordError, type ErrorCode, isErrorCode } from './errors.ts';

export interface CallOptions {
  /**
   * Idempotency key for a mutation. Defaults to a fresh UUID per call (reused by the client's own retries);
   * pass a stable key to make a retry after a crash of the caller safe too.
   */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface ClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  /** Retries on network errors and 502/503/504, with the same idempotency key (default 2). */
  retries?: number;
}

type Method<N extends ProcedureName> =
  undefined extends ProcedureInput<N>
    ? (input?: ProcedureInput<N>, opts?: CallOptions) => Promise<ProcedureOutput<N>>
    : (input: ProcedureInput<N>, opts?: CallOptions) => Promise<ProcedureOutput<N>>;

type NamesFor<A extends 'partner' | 'operator' | 'public'> = {
  [N in ProcedureName]: Procedures[N]['auth'] extends A ? N : never;
}[ProcedureName];

export type PartnerProcedureName = NamesFor<'partner'>;
export type OperatorProcedureName = NamesFor<'operator'>;
export type PublicProcedureName = NamesFor<'public'>;

export type BatchBody = Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export type CleanroomClient = { [N in PartnerProcedureName]: Method<N> } & {
  /** Uploads one binary batch (see batch.ts) to a version begun with beginPublication. */
  uploadBatch(
    versionId: string,
    seq: number,
    body: BatchBody,
    opts?: CallOptions,
  ): Promise<UploadBatchOutput>;
};

export type OperatorClient = { [N in OperatorProcedureName]: Method<N> };
export type PublicClient = { [N in PublicProcedureName]: Method<N> };

const HTTP_TO_CODE: Record<number, ErrorCode> = {
  400: 'BAD_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'EXPIRED',
  422: 'IDEMPOTENCY_MISMATCH',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/** Turns an error body from the clean room (tRPC or binary route) into a ConcordError with the server's code. */
export function errorFromResponse(status: number, body: unknown): ConcordError {
  const err = (body as { error?: { message?: unknown; data?: Record<string, unknown> } } | null)?.error;
  const data = err?.data ?? {};
  const code: ErrorCode = isErrorCode(data.concordCode)
    ? data.concordCode
    : (HTTP_TO_CODE[status] ?? (status >= 500 ? 'UNAVAILABLE' : 'INTERNAL'));
  const message = typeof err?.message === 'string' ? err.message : `clean room answered HTTP ${status}`;
  const details: Record<string, unknown> = {};
  if (data.details && typeof data.details === 'object') Object.assign(details, data.details);
  if (Array.isArray(data.issues)) details.issues = data.issues;
  return new ConcordError(code, message, Object.keys(details).length ? details : undefined);
}

const RETRYABLE = new Set([502, 503, 504]);

/** A bearer secret, or a function read at every request (a credential that can appear or be rotated). */
export type Secret = string | (() => string | undefined);

/** What every request of one client shares: where it goes, how it is sent, which credential it carries. */
interface Transport {
  doFetch: typeof fetch;
  base: string;
  retries: number;
  secret: Secret | null;
}

/** Sends with retries (network errors, 502/503/504) when `canRetry`; the body parsed as JSON, or null. */
async function send(
  t: Transport,
  url: string,
  init: RequestInit,
  canRetry: boolean,
): Promise<{ status: number; body: unknown }> {
  // Called unbound: a browser's fetch refuses any `this` but the window.
  const { doFetch } = t;
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await doFetch(url, init);
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      if (canRetry && attempt < t.retries) {
        await sleep(100 * 2 ** attempt);
        continue;
      }
      throw new ConcordError('UNAVAILABLE', `clean room unreachable: ${(error as Error).message}`);
    }
    if (canRetry && RETRYABLE.has(res.status) && attempt < t.retries) {
      await res.body?.cancel();
      await sleep(100 * 2 ** attempt);
      continue;
    }
    return { status: res.status, body: parseJson(await res.text()) };
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function headers(t: Transport, extra: Record<string, string> = {}): Record<string, string> {
  if (t.secret === null) return { accept: 'application/json', ...extra };
  const token = typeof t.secret === 'function' ? t.secret() : t.secret;
  // Only a credential source with nothing to give stops here; a given string (even empty) goes to the server.
  if (token === undefined) throw new ConcordError('UNAVAILABLE', 'no credential for the clean room yet');
  return { authorization: `Bearer ${token}`, accept: 'application/json', ...extra };
}

/** One tRPC call: input checked before sending, output checked against the contract. */
async function call<N extends ProcedureName>(
  t: Transport,
  name: N,
  input: unknown,
  callOpts: CallOptions = {},
): Promise<ProcedureOutput<N>> {
  const d = PROCEDURES[name];
  const parsed = d.input.safeParse(input);
  if (!parsed.success) {
    throw new ConcordError('BAD_INPUT', `invalid input for ${name}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })),
    });
  }
  const json = JSON.stringify(parsed.data);
  const signal = callOpts.signal ?? null;
  const { status, body } =
    d.type === 'query'
      ? await send(
          t,
          `${t.base}/trpc/${d.path}?input=${encodeURIComponent(json)}`,
          { method: 'GET', headers: headers(t), signal },
          true,
        )
      : await send(
          t,
          `${t.base}/trpc/${d.path}`,
          {
            method: 'POST',
            headers: headers(t, {
              'content-type': 'application/json',
              'idempotency-key': callOpts.idempotencyKey ?? randomUUID(),
            }),
            body: json,
            signal,
          },
          true,
        );
  if (status < 200 || status >= 300) throw errorFromResponse(status, body);
  const data = (body as { result?: { data?: unknown } } | null)?.result?.data;
  const out = (d.output as z.ZodType).safeParse(data);
  if (!out.success) throw new ConcordError('INTERNAL', `clean room response to ${name} broke the contract`);
  return out.data as ProcedureOutput<N>;
}

async function uploadBatch(
  t: Transport,
  versionId: string,
  seq: number,
  body: BatchBody,
  callOpts: CallOptions = {},
): Promise<UploadBatchOutput> {
  const isBytes = body instanceof Uint8Array;
  const stream =
    isBytes || body instanceof ReadableStream
      ? body
      : // Node's ReadableStream type: the console type-checks this file (via the router type) with the DOM lib, which lacks `from`.
        (ReadableStream as typeof import('node:stream/web').ReadableStream).from(
          body as AsyncIterable<Uint8Array>,
        );
  const init: RequestInit & { duplex?: 'half' } = {
    method: 'PUT',
    headers: headers(t, {
      'content-type': 'application/octet-stream',
      'idempotency-key': callOpts.idempotencyKey ?? `${versionId}:${seq}`,
    }),
    body: stream as RequestInit['body'],
    signal: callOpts.signal ?? null,
  };
  // Streams can be sent once only; Node's fetch needs `duplex: 'half'` to stream a request body.
  if (!isBytes) init.duplex = 'half';
  const { status, body: res } = await send(t, `${t.base}${batchPath(versionId, seq)}`, init, isBytes);
  if (status < 200 || status >= 300) throw errorFromResponse(status, res);
  const out = UploadBatchOutput.safeParse(res);
  if (!out.success) throw new ConcordError('INTERNAL', 'clean room batch response broke the contract');
  return out.data;
}

function makeCaller(opts: ClientOptions, secret: Secret | null) {
  const t: Transport = {
    doFetch: opts.fetch ?? fetch,
    base: opts.baseUrl.replace(/\/+$/, ''),
    retries: opts.retries ?? 2,
    secret,
  };
  return {
    call: (name: ProcedureName, input: unknown, callOpts?: CallOptions) => call(t, name, input, callOpts),
    uploadBatch: (versionId: string, seq: number, body: BatchBody, callOpts?: CallOptions) =>
      uploadBatch(t, versionId, seq, body, callOpts),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function bind<A extends 'partner' | 'operator' | 'public'>(
  auth: A,
  call: (name: ProcedureName, input: unknown, opts?: CallOptions) => Promise<unknown>,
): Record<string, unknown> {
  const methods: Record<string, unknown> = {};
  for (const name of Object.keys(PROCEDURES) as ProcedureName[]) {
    if (PROCEDURES[name].auth !== auth) continue;
    methods[name] = (input?: unknown, opts?: CallOptions) => call(name, input, opts);
  }
  return methods;
}

/** A partner node's client: every call carries `Authorization: Bearer <credential>`. */
export function createCleanroomClient(opts: ClientOptions & { credential: Secret }): CleanroomClient {
  const { call, uploadBatch } = makeCaller(opts, opts.credential);
  return { ...bind('partner', call), uploadBatch } as CleanroomClient;
}

/** The operator's client (`concord cleanroom …`): authenticated with the operator token. */
export function createOperatorClient(opts: ClientOptions & { operatorToken: string }): OperatorClient {
  const { call } = makeCaller(opts, opts.operatorToken);
  return bind('operator', call) as OperatorClient;
}

/** Calls that carry no credential (a node redeeming its invitation code). */
export function createPublicClient(opts: ClientOptions): PublicClient {
  const { call } = makeCaller(opts, null);
  return bind('public', call) as PublicClient;
}
