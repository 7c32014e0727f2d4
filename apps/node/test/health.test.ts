import { createTestDatabase, type TestDatabase } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../src/api/context.ts';
import { appRouter } from '../src/api/router.ts';
import { createCallerFactory } from '../src/api/trpc.ts';
import type { Database } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { NodeConfig } from '../src/env.ts';

let tdb: TestDatabase<Database>;
beforeAll(async () => {
  tdb = await createTestDatabase<Database>('node_health', migrations);
});
afterAll(() => tdb.destroy());

describe('system.health', () => {
  it('reports the node and a reachable database', async () => {
    const config = NodeConfig.parse({ name: 'Bank', industry: 'bank' });
    const caller = createCallerFactory(appRouter)(
      createInnerContext({ db: tdb.db, config, logger: silentLogger() }),
    );
    await expect(caller.system.health()).resolves.toEqual({
      ok: true,
      name: 'Bank',
      industry: 'bank',
      database: true,
    });
  });
});
