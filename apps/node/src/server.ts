// Builds the node's HTTP service: tRPC at /trpc, the console at /, /healthz; used by main.ts and tests.
import { createDatabase, migrateToLatest } from '@concord/db';
import { createLogger, type Logger, type RunningService, startHttpService } from '@concord/service';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { consentImportRoute } from './api/consent/upload-route.ts';
import { type Context, createInnerContext } from './api/context.ts';
import { analyticsImportRoutes } from './api/imports/analytics-routes.ts';
import { importUploadRoute } from './api/imports/upload-route.ts';
import { appRouter } from './api/router.ts';
import { authenticateRequest } from './auth/authenticate.ts';
import { type FederationWorker, startFederationWorker } from './collab/worker.ts';
import { startConsentSweeper } from './consent/sweeper.ts';
import type { Database } from './db/database.ts';
import { migrations } from './db/migrations/index.ts';
import type { NodeConfig } from './env.ts';
import { seedDemoData } from './seed/seed.ts';
import { staticFiles } from './static.ts';

export const VERSION = '0.1.0';

export interface NodeService extends RunningService {
  db: Kysely<Database>;
  logger: Logger;
  /** Background federation work (withdrawal sender); null without a clean room. */
  federation: FederationWorker | null;
  /** Stops the HTTP server, then closes the database. */
  stop(): Promise<void>;
}

export async function startNode(config: NodeConfig, opts: { logger?: Logger } = {}): Promise<NodeService> {
  const logger = opts.logger ?? createLogger(`node:${config.name}`, config.logLevel);
  const handle = await createDatabase<Database>({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(handle.db, migrations);
  if (config.seed)
    await seedDemoData(handle.db, {
      profile: config.seed,
      industry: config.industry,
      populationSize: config.seedPopulation,
      logger,
    });
  const base = createInnerContext({ db: handle.db, config, logger });

  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: async ({ req, res }): Promise<Context> => ({
      ...base,
      user: await authenticateRequest(handle.db, req.headers),
      http: {
        headers: req.headers,
        setHeader: (n, v) => res.setHeader(n, v),
        ip: req.socket.remoteAddress ?? 'unknown',
      },
    }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        logger.error({ err: error.cause ?? error, path }, 'procedure failed');
    },
  });

  let running: RunningService;
  try {
    running = await startHttpService({
      service: 'concord-node',
      version: VERSION,
      host: config.host,
      port: config.port,
      logger,
      routes: [
        { prefix: '/trpc', handler: trpc },
        importUploadRoute({ db: handle.db, logger, defaultRegion: config.defaultRegion }),
        consentImportRoute({ db: handle.db, logger }),
        ...analyticsImportRoutes({ db: handle.db, logger }),
        ...(config.webDir ? [{ prefix: '/', handler: staticFiles(config.webDir) }] : []),
      ],
      health: async () => {
        await sql`select 1`.execute(handle.db);
        return { name: config.name, industry: config.industry };
      },
    });
  } catch (error) {
    await handle.close();
    throw error;
  }
  logger.info({ url: running.url, database: handle.target }, 'node listening');
  const federation = await startFederationWorker({ db: handle.db, config, logger });
  const consentSweeper = startConsentSweeper(handle.db, logger);
  return {
    ...running,
    db: handle.db,
    logger,
    federation,
    stop: async () => {
      await federation?.stop();
      await consentSweeper.stop();
      await running.close();
      await handle.close();
    },
  };
}
