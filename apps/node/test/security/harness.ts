// Test harness for the HTTP edge: a real node on port 0 (own database), signed-in cookies, raw streaming requests.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Writable } from 'node:stream';
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import { createLogger, type Logger } from '@concord/service';
import { createUser } from '../../src/auth/users.ts';
import { NodeConfig } from '../../src/env.ts';
import { type NodeService, startNode } from '../../src/server.ts';

export const PASSWORD = 'edge test password';

/** Every log line the node wrote, parsed, so tests can assert what was (not) logged at which level. */
export interface CapturedLog {
  lines: { level: number; msg?: string; err?: unknown }[];
}

export interface TestNode {
  node: NodeService;
  url: string;
  port: number;
  log: CapturedLog;
  stop(): Promise<void>;
}

function captureLogger(log: CapturedLog): Logger {
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) log.lines.push(JSON.parse(line));
      done();
    },
  });
  return createLogger('node:test', 'debug', sink);
}

export async function startTestNode(key: string, extra: Partial<NodeConfig> = {}): Promise<TestNode> {
  const databaseUrl = testServerUrl() ? await createTestDatabaseUrl(`sec_${key}`) : undefined;
  const config = NodeConfig.parse({
    name: 'Bank',
    industry: 'bank',
    port: 0,
    ...(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' }),
    ...extra,
  });
  const log: CapturedLog = { lines: [] };
  const node = await startNode(config, { logger: captureLogger(log) });
  return {
    node,
    url: node.url,
    port: node.port,
    log,
    stop: async () => {
      await node.stop();
      if (databaseUrl) await dropTestDatabase(databaseUrl);
    },
  };
}

/** Creates a user and signs in over HTTP the way the console does; returns the `name=value` cookie. */
export async function signedInCookie(t: TestNode, email: string, role: 'admin' | 'compliance' | 'marketer') {
  await createUser({ db: t.node.db }, { email, role, password: PASSWORD });
  const res = await fetch(`${t.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-concord-request': '1' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

export interface StreamReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Body bytes the client managed to hand to its socket before the reply came (or the server cut it). */
  sent: number;
}

export interface StreamOptions {
  /** Bytes to offer in total (one 64 KiB chunk is reused, so hundreds of MB cost nothing). */
  total: number;
  /** Sent once before the repeated chunk (e.g. a CSV header). */
  first?: string;
  /** The repeated 64 KiB chunk is this text repeated (default: spaces). */
  fill?: string;
  /** Keep sending until the reply has ended, not just started (streamed NDJSON replies start at once). */
  untilEnd?: boolean;
}

/**
 * POSTs a body of up to `total` bytes honouring backpressure, and stops as soon as the reply arrives (or ends).
 * `sent` then tells how much the server let in: a server that stops reading blocks the writes.
 */
export function streamPost(
  url: string,
  headers: Record<string, string>,
  opts: StreamOptions,
): Promise<StreamReply> {
  const unit = Buffer.from(opts.fill ?? ' ');
  const chunk = Buffer.alloc(Math.floor((64 * 1024) / unit.length) * unit.length, unit);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers, agent: false });
    let sent = 0;
    let stop = false;
    req.on('response', (res) => {
      if (!opts.untilEnd) stop = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      const finish = () => {
        stop = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, sent });
      };
      res.on('end', finish);
      res.on('error', finish);
    });
    // Once the reply is in, the server cutting the connection under our remaining body is expected.
    req.on('error', (error) => {
      if (!stop) reject(error);
    });
    if (opts.first) {
      req.write(opts.first);
      sent += Buffer.byteLength(opts.first);
    }
    const pump = () => {
      while (!stop && sent < opts.total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!stop) req.end();
    };
    pump();
  });
}

/** The Concord code in a reply body, tRPC-shaped (`error.data.concordCode`) or plain (`error.code`). */
export function codeIn(body: string): string | undefined {
  const parsed = JSON.parse(body) as
    | { error?: { code?: unknown; data?: { concordCode?: string } } }
    | unknown[];
  const first = (Array.isArray(parsed) ? parsed[0] : parsed) as {
    error?: { code?: unknown; data?: { concordCode?: string } };
  };
  return first.error?.data?.concordCode ?? (first.error?.code as string | undefined);
}
