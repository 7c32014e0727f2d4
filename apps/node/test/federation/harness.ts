// Federation test harness: a real clean room (child process) and real node servers over HTTP with real databases.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import { createOperatorClient, type OperatorClient } from '@concord/protocol/client';
import { silentLogger } from '@concord/service';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '../../src/api/router.ts';
import { NodeConfig } from '../../src/env.ts';
import { type NodeService, startNode } from '../../src/server.ts';
import { userWithToken } from '../user-with-token.ts';

const CLEANROOM_MAIN = fileURLToPath(new URL('../../../cleanroom/src/main.ts', import.meta.url));
const CLEANROOM_DIR = fileURLToPath(new URL('../../../cleanroom/', import.meta.url));

export interface RunningCleanroom {
  url: string;
  operator: OperatorClient;
  operatorToken: string;
  /** Where its data lives: a Postgres test database, or a PGlite directory (`memory://` unless asked for one). */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Stops the process (its data stays until stop). */
  halt(): Promise<void>;
  stop(): Promise<void>;
}

/** Spawns `apps/cleanroom/src/main.ts --port 0` and waits for its "listening" log line. */
export async function startCleanroomProcess(
  label: string,
  opts: { dataDir?: string } = {},
): Promise<RunningCleanroom> {
  const operatorToken = randomBytes(24).toString('hex');
  const databaseUrl = testServerUrl() ? await createTestDatabaseUrl(`cr_${label}`) : undefined;
  const dataDir = opts.dataDir ?? 'memory://';
  const args = ['--import', 'tsx', CLEANROOM_MAIN, '--port', '0', '--operator-token', operatorToken];
  args.push(...(databaseUrl ? ['--database-url', databaseUrl] : ['--data-dir', dataDir]));
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: CLEANROOM_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`clean room did not start: ${stderr.join('')}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`clean room exited (${code}): ${stderr.join('')}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { url?: string; msg?: string };
        if (entry.url && /listening/.test(entry.msg ?? '')) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        // not a log line
      }
    });
  });
  const halt = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  };
  return {
    url,
    operator: createOperatorClient({ baseUrl: url, operatorToken }),
    operatorToken,
    databaseUrl,
    dataDir,
    halt,
    stop: async () => {
      await halt();
      if (databaseUrl) await dropTestDatabase(databaseUrl);
    },
  };
}

export type NodeClient = TRPCClient<AppRouter>;

export interface TestNode {
  node: NodeService;
  config: NodeConfig;
  partnerId: string;
  /** tRPC clients over HTTP, one per role. */
  as: { admin: NodeClient; compliance: NodeClient; marketer: NodeClient };
  users: Record<'admin' | 'compliance' | 'marketer', { id: string; email: string }>;
  /** API tokens per role, for the CLI. */
  tokens: Record<'admin' | 'compliance' | 'marketer', string>;
  stop(): Promise<void>;
}

function clientFor(url: string, token: string): NodeClient {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });
}

/**
 * Registers a partner at the clean room, starts a node with its credential (port 0, fresh database), then registers
 * the node's own public key (read over HTTP from system.identity) with the operator API.
 */
export async function startTestNode(
  cleanroom: RunningCleanroom,
  opts: {
    label: string;
    name: string;
    industry: 'bank' | 'insurance' | 'retail' | 'automotive' | 'telecom';
    /** Built console to serve at / (the browser journeys in apps/web). */
    webDir?: string;
    /** The node's default phone region (NodeConfig default otherwise). */
    defaultRegion?: string;
  },
): Promise<TestNode> {
  const placeholderKey = randomBytes(32).toString('base64url');
  const { partner, credential } = await cleanroom.operator.addPartner({
    name: opts.name,
    industry: opts.industry,
    publicKey: placeholderKey,
  });
  const databaseUrl = testServerUrl() ? await createTestDatabaseUrl(`fed_${opts.label}`) : undefined;
  const config = NodeConfig.parse({
    name: opts.name,
    industry: opts.industry,
    port: 0,
    ...(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' }),
    cleanroomUrl: cleanroom.url,
    cleanroomCredential: credential,
    nodeSecret: randomBytes(24).toString('hex'),
    logLevel: 'silent',
    ...(opts.webDir ? { webDir: opts.webDir } : {}),
    ...(opts.defaultRegion ? { defaultRegion: opts.defaultRegion } : {}),
  });
  const node = await startNode(config, { logger: silentLogger() });
  const anonymous = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${node.url}/trpc` })] });
  const identity = await anonymous.system.identity.query();
  await cleanroom.operator.setPartnerPublicKey({ partnerId: partner.id, publicKey: identity.publicKey });

  const users = {} as TestNode['users'];
  const tokens = {} as TestNode['tokens'];
  const as = {} as TestNode['as'];
  for (const role of ['admin', 'compliance', 'marketer'] as const) {
    const { user, token } = await userWithToken(node.db, {
      email: `${role}@${opts.label}.test`,
      role,
      password: 'correct horse battery staple',
      tokenName: 'federation test',
    });
    users[role] = { id: user.id, email: user.email };
    tokens[role] = token;
    as[role] = clientFor(node.url, token);
  }
  return {
    node,
    config,
    partnerId: partner.id,
    as,
    users,
    tokens,
    stop: async () => {
      await node.stop();
      if (databaseUrl) await dropTestDatabase(databaseUrl);
    },
  };
}

const CLI_MAIN = fileURLToPath(new URL('../../../cli/src/main.ts', import.meta.url));

/** Runs the `concord` CLI as a child process against a node (the CLI is its own app: spawned, not imported). */
export async function runCli(
  node: TestNode,
  role: 'admin' | 'compliance' | 'marketer',
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_MAIN, ...argv], {
    cwd: fileURLToPath(new URL('../../../cli/', import.meta.url)),
    env: { ...process.env, CONCORD_NODE_URL: node.node.url, CONCORD_TOKEN: node.tokens[role] },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
  return { code, stdout, stderr };
}

/** POSTs a CSV to one of the node's upload routes and returns the final NDJSON event (`done` or `error`). */
export async function uploadCsv(
  node: TestNode,
  path: string,
  csv: string,
): Promise<Record<string, unknown> & { type: string }> {
  const res = await fetch(`${node.node.url}${path}`, {
    method: 'POST',
    body: csv,
    headers: { authorization: `Bearer ${node.tokens.admin}`, 'content-type': 'text/csv' },
  });
  const lines = (await res.text()).trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '{}') as Record<string, unknown> & { type: string };
}
