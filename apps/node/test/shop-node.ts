// A node named Shop on a fresh test database (Postgres when TEST_DATABASE_URL is set, else in-memory PGlite), for
// the tests that drive a real node over HTTP (the CLI's). `stop()` also drops the database.
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import { NodeConfig } from '../src/env.ts';
import { type NodeService, startNode } from '../src/server.ts';

export interface ShopNode {
  node: NodeService;
  stop(): Promise<void>;
}

export async function startShopNode(label: string): Promise<ShopNode> {
  const databaseUrl = testServerUrl() ? await createTestDatabaseUrl(label) : undefined;
  const source = databaseUrl ? { databaseUrl } : { dataDir: 'memory://' };
  const node = await startNode(NodeConfig.parse({ name: 'Shop', port: 0, logLevel: 'silent', ...source }), {
    logger: silentLogger(),
  });
  const stop = async () => {
    await node.stop();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  };
  return { node, stop };
}
