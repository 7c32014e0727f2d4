// Talking to a node: base URL and token resolution, tRPC queries over plain HTTP, and streaming CSV uploads.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join, resolve } from 'node:path';
import { type IssueLike, summarizeIssues } from '@concord/protocol/humanize';
import { type CommandContext, humanMessage, UsageError } from './framework.ts';

export const DEFAULT_NODE_URL = 'http://127.0.0.1:4101';

export interface NodeTarget {
  url: string;
  token: string | undefined;
}

/**
 * `pnpm start` writes the URL of every node it runs to `<data dir>/nodes.json`; a `--node` that is not a URL
 * names one of them by key (`bank`) or company name. The data dir is $CONCORD_DATA_DIR or `.concord`.
 */
function startedNodeUrl(name: string, env: Record<string, string | undefined>): string {
  const file = join(resolve(env.CONCORD_DATA_DIR ?? '.concord'), 'nodes.json');
  if (!existsSync(file))
    throw new UsageError(`--node ${name}: not a URL, and ${file} (written by pnpm start) does not exist`);
  const targets = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: Record<string, { name: string; url: string }>;
  };
  const wanted = name.toLowerCase();
  const found = Object.entries(targets.nodes).find(
    ([key, n]) => key === wanted || n.name.toLowerCase() === wanted,
  );
  if (!found) {
    throw new UsageError(
      `--node ${name}: pnpm start runs ${Object.keys(targets.nodes).join(', ')} (see ${file})`,
    );
  }
  return found[1].url;
}

export function nodeTarget(ctx: CommandContext): NodeTarget {
  const given = (ctx.options.node as string | undefined) ?? ctx.io.env.CONCORD_NODE_URL ?? DEFAULT_NODE_URL;
  const url = /^https?:\/\//.test(given) ? given : startedNodeUrl(given, ctx.io.env);
  const token = (ctx.options.token as string | undefined) ?? ctx.io.env.CONCORD_TOKEN;
  return { url: url.replace(/\/+$/, ''), token: token || undefined };
}

/**
 * Sent with every request: a node refuses cookie-less anonymous state changes (first-run setup, sign-in) without
 * it, the CSRF rule of apps/node/src/http/request-origin.ts. A browser page on another site cannot add it.
 */
export const CLIENT_HEADERS = { 'x-concord-request': 'cli' } as const;

/** The headers of every request to a node: the client header and the bearer token, if any. */
export function authHeaders(target: NodeTarget): Record<string, string> {
  return { ...CLIENT_HEADERS, ...(target.token ? { authorization: `Bearer ${target.token}` } : {}) };
}

/** An error answered by the node, with its Concord code. */
export class NodeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${message} (${code})`);
  }
}

interface TrpcBody<T> {
  result?: { data: T };
  error?: { message: string; data?: { concordCode?: string; issues?: IssueLike[] } };
}

/** The node's refusal in words: validation issues become "Rule 6: choose an attribute", never zod's JSON. */
function nodeErrorOf(body: TrpcBody<unknown> | null, res: Response): NodeError {
  const issues = body?.error?.data?.issues ?? [];
  const message = issues.length > 0 ? summarizeIssues(issues) : (body?.error?.message ?? res.statusText);
  return new NodeError(body?.error?.data?.concordCode ?? String(res.status), humanMessage(message));
}

/** Calls a tRPC query procedure (e.g. `imports.get`) and returns its data. */
export async function trpcQuery<T>(target: NodeTarget, path: string, input: unknown): Promise<T> {
  const url = `${target.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: authHeaders(target) });
  } catch (error) {
    throw new Error(`cannot reach node at ${target.url}: ${(error as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as TrpcBody<T> | null;
  if (!res.ok || !body?.result) throw nodeErrorOf(body, res);
  return body.result.data;
}

/** Calls a tRPC mutation procedure (e.g. `audit.verify`) with a JSON body and returns its data. */
export async function trpcMutation<T>(target: NodeTarget, path: string, input?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${target.url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(target) },
      body: input === undefined ? undefined : JSON.stringify(input),
    });
  } catch (error) {
    throw new Error(`cannot reach node at ${target.url}: ${(error as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as TrpcBody<T> | null;
  if (!res.ok || !body?.result) throw nodeErrorOf(body, res);
  return body.result.data;
}

export interface UploadOptions {
  importId?: string;
  /** Bytes of the file sent so far (for the progress bar). */
  onBytes?: (sent: number, total: number) => void;
  /** Each NDJSON event the node sends back. */
  onEvent?: (event: Record<string, unknown>) => void;
}

/**
 * Streams `file` as the body of POST /api/imports/:kind and reads the NDJSON answer line by line.
 * Resolves with the last event (`done` or `error`).
 */
export function uploadCsv(
  target: NodeTarget,
  kind: string,
  file: string,
  opts: UploadOptions = {},
): Promise<Record<string, unknown>> {
  const total = statSync(file).size;
  const query = new URLSearchParams({ fileName: file.split(/[\\/]/).pop() ?? file });
  if (opts.importId) query.set('importId', opts.importId);
  const url = new URL(`${target.url}/api/imports/${kind}?${query}`);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'content-length': String(total), ...authHeaders(target) },
    });
    let last: Record<string, unknown> | undefined;
    req.on('response', (res: IncomingMessage) => {
      res.setEncoding('utf8');
      let buffer = '';
      const isNdjson = String(res.headers['content-type']).includes('ndjson');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        if (!isNdjson) return;
        let nl = buffer.indexOf('\n');
        while (nl !== -1) {
          const line = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          if (line) {
            last = JSON.parse(line) as Record<string, unknown>;
            opts.onEvent?.(last);
          }
          nl = buffer.indexOf('\n');
        }
      });
      res.on('end', () => {
        if (!isNdjson) {
          const body = JSON.parse(buffer || '{}') as { error?: { code?: string; message?: string } };
          reject(
            new NodeError(
              body.error?.code ?? String(res.statusCode),
              body.error?.message ?? 'request failed',
            ),
          );
        } else if (last) resolve(last);
        else reject(new Error('the node closed the connection without a result'));
      });
      res.on('error', reject);
    });
    req.on('error', (error) => reject(new Error(`cannot reach node at ${target.url}: ${error.message}`)));
    let sent = 0;
    const stream = createReadStream(file, { highWaterMark: 1 << 16 });
    stream.on('data', (chunk) => {
      sent += chunk.length;
      opts.onBytes?.(sent, total);
    });
    stream.on('error', reject);
    stream.pipe(req);
  });
}
