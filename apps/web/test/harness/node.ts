// Starts a real node serving the freshly built console, on its own test database, with one user per role.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import { createUser, NodeConfig, type NodeService, startNode } from '@concord/node/testing';
import { silentLogger } from '@concord/service';

export const WEB_DIST = resolve(import.meta.dirname, '../../dist');
export const PASSWORD = 'console-test-pass';
export type Role = 'admin' | 'compliance' | 'marketer';

export interface ConsoleNode {
  url: string;
  node: NodeService;
  password: string;
  users: Record<Role, { id: string; email: string }>;
  stop(): Promise<void>;
}

export async function startConsoleNode(opts: {
  name: string;
  industry: 'bank' | 'insurance' | 'automotive' | 'retail' | 'telecom' | 'other';
  key?: string;
  dataDir?: string;
  extra?: Partial<NodeConfig>;
}): Promise<ConsoleNode> {
  const key = opts.key ?? opts.industry;
  const databaseUrl = testServerUrl() ? await createTestDatabaseUrl(`web_${key}`) : undefined;
  const dataDir = databaseUrl
    ? undefined
    : (opts.dataDir ?? mkdtempSync(join(tmpdir(), `concord-web-${key}-`)));
  const config = NodeConfig.parse({
    name: opts.name,
    industry: opts.industry,
    port: 0,
    databaseUrl,
    dataDir,
    webDir: WEB_DIST,
    logLevel: 'silent',
    ...opts.extra,
  });
  const node = await startNode(config, { logger: silentLogger() });
  const users = {} as ConsoleNode['users'];
  for (const role of ['admin', 'compliance', 'marketer'] as const) {
    const u = await createUser({ db: node.db }, { email: `${role}@${key}.test`, role, password: PASSWORD });
    users[role] = { id: u.id, email: u.email };
  }
  return {
    url: node.url,
    node,
    password: PASSWORD,
    users,
    stop: async () => {
      await node.stop();
      if (databaseUrl) await dropTestDatabase(databaseUrl);
      else if (!opts.dataDir && dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A node as a company first starts it: no users (it prints its first-run link), joined to no clean room yet. */
export function startFreshNode(opts: {
  name: string;
  industry: 'bank' | 'insurance' | 'automotive' | 'retail' | 'telecom' | 'other';
  dataDir: string;
  cleanroomUrl: string;
}): Promise<NodeService> {
  return startNode(
    NodeConfig.parse({
      name: opts.name,
      industry: opts.industry,
      port: 0,
      dataDir: opts.dataDir,
      webDir: WEB_DIST,
      cleanroomUrl: opts.cleanroomUrl,
      nodeSecret: randomBytes(24).toString('base64url'),
      logLevel: 'silent',
    }),
    { logger: silentLogger() },
  );
}

type Closable = { stop(): Promise<unknown> } | { close(): Promise<unknown> } | undefined;

/** Closes each part in turn (the browser first, the clean room last), skipping any that never started. */
export async function closeInOrder(...parts: Closable[]): Promise<void> {
  for (const part of parts) {
    if (part && 'stop' in part) await part.stop();
    else await part?.close();
  }
}
