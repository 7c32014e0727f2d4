// Builds the clean room's HTTP service: tRPC at /trpc, binary batch uploads at /v1, /healthz, the operator console
// at / (with --web-dir); used by main.ts and tests.
import { createDatabase, migrateToLatest } from '@concord/db';
import { BATCH_ROUTE_PREFIX } from '@concord/protocol/contract/procedures';
import { ConcordError } from '@concord/protocol/errors';
import {
  createLogger,
  type Logger,
  type Route,
  type RunningService,
  startDatabaseService,
  staticFiles,
  trpcHandler,
} from '@concord/service';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { type Context, createInnerContext, type InnerContext } from './api/context.ts';
import { appRouter } from './api/router.ts';
import type { Database } from './db/database.ts';
import { migrations } from './db/migrations/index.ts';
import type { CleanroomConfig } from './env.ts';
import { batchUploadHandler } from './http/batches.ts';
import { sweep } from './retention/sweep.ts';
import { parseShardUrl, registerShards } from './shard/servers.ts';
import { VERSION } from './version.ts';

export { VERSION };

export interface CleanroomService extends RunningService {
  db: Kysely<Database>;
  logger: Logger;
  stop(): Promise<void>;
}

function header(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

export async function startCleanroom(
  config: CleanroomConfig,
  opts: { logger?: Logger } = {},
): Promise<CleanroomService> {
  const logger = opts.logger ?? createLogger('cleanroom', config.logLevel);
  const handle = await createDatabase<Database>({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(handle.db, migrations);
  if (config.shards.length > 0) {
    if (!config.databaseUrl)
      throw new ConcordError('BAD_INPUT', 'shards need a Postgres database (--database-url)');
    await registerShards(handle.db, config.shards.map(parseShardUrl));
    logger.info({ shards: config.shards.length }, 'token data sharded over shard servers');
  }
  // Batch uploads and run builds on Postgres go through binary COPY on their own small pool (see ingest/copy.ts).
  const ingestPool = config.databaseUrl
    ? new pg.Pool({ connectionString: config.databaseUrl, max: 4 })
    : undefined;
  ingestPool?.on('error', (err) => logger.warn({ err }, 'idle ingest connection failed'));
  const base = createInnerContext({ db: handle.db, pool: ingestPool, config, logger });
  const running = await startDatabaseService({
    service: 'concord-cleanroom',
    version: VERSION,
    host: config.host,
    port: config.port,
    logger,
    routes: cleanroomRoutes(config, base, ingestPool),
    database: handle,
    release: async () => {
      await ingestPool?.end();
    },
  });
  logger.info({ url: running.url, database: handle.target }, 'clean room listening');
  // Retention runs on a timer; a failed sweep is logged and retried next tick.
  const timer =
    config.sweepIntervalSeconds > 0
      ? setInterval(() => {
          sweep(handle.db, base.now())
            .then((r) => logger.debug(r, 'retention sweep'))
            .catch((err) => logger.error({ err }, 'retention sweep failed'));
        }, config.sweepIntervalSeconds * 1000).unref()
      : undefined;
  return {
    ...running,
    db: handle.db,
    logger,
    stop: async () => {
      if (timer) clearInterval(timer);
      await running.close();
      await ingestPool?.end();
      await handle.close();
    },
  };
}

/** tRPC at /trpc, the operator console at / (with --web-dir), binary batch uploads. */
function cleanroomRoutes(
  config: CleanroomConfig,
  base: InnerContext,
  ingestPool: pg.Pool | undefined,
): Route[] {
  const trpc = trpcHandler(base.logger, {
    router: appRouter,
    createContext: ({ req, res }): Context => ({
      ...base,
      bearer: header(req.headers.authorization)?.replace(/^Bearer\s+/i, '') ?? null,
      idempotencyKey: header(req.headers['idempotency-key']),
      headers: req.headers,
      setHeader: (name, value) => res.setHeader(name, value),
    }),
  });
  return [
    { prefix: '/trpc', handler: trpc },
    // The operator console: the same build as the nodes' console, entered through operator.html.
    ...(config.webDir
      ? [{ prefix: '/', handler: staticFiles(config.webDir, { index: 'operator.html' }) }]
      : []),
    {
      prefix: BATCH_ROUTE_PREFIX,
      handler: batchUploadHandler({ db: base.db, pool: ingestPool, logger: base.logger, now: base.now }),
    },
  ];
}
