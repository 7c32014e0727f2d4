// Builds the node's HTTP service: tRPC at /trpc, the console at /, /healthz; used by main.ts and tests.

import { readFileSync } from 'node:fs';
import { createDatabase, migrateToLatest } from '@concord/db';
import {
  createLogger,
  type Route,
  type RunningService,
  StartupError,
  startDatabaseService,
  staticFiles,
  trpcHandler,
} from '@concord/service';
import type { Kysely } from 'kysely';
import { consentImportRoute } from './api/consent/upload-route.ts';
import { type Context, createInnerContext } from './api/context.ts';
import { analyticsImportRoutes } from './api/imports/analytics-routes.ts';
import { importUploadRoute } from './api/imports/upload-route.ts';
import { appRouter } from './api/router.ts';
import { authenticateRequest } from './auth/authenticate.ts';
import { type FederationWorker, startFederationWorker } from './collab/worker.ts';
import { startConsentSweeper } from './consent/sweeper.ts';
import { freshSnapshot } from './crm/analytics/snapshot/load.ts';
import { backfillIdentity } from './crm/identifiers/backfill.ts';
import { markInterruptedImports } from './crm/import/jobs.ts';
import type { Database } from './db/database.ts';
import { migrations } from './db/migrations/index.ts';
import { type Deps, depsOf } from './deps.ts';
import type { NodeConfig } from './env.ts';
import { clientIp, isSecureRequest } from './http/request-origin.ts';
import { HSTS, SECURITY_HEADERS } from './http/security-headers.ts';
import { gatedCaller, trpcGate } from './http/trpc-gate.ts';
import { seedDemoData } from './seed/seed.ts';
import { issueSetupCode } from './setup/first-run.ts';

export const VERSION = '0.1.0';

export interface NodeService extends RunningService {
  db: Kysely<Database>;
  logger: Deps['logger'];
  /** Background federation work (withdrawal sender); null without a clean room. */
  federation: FederationWorker | null;
  /** Set when the node has no users: the one-time code and link for creating the first admin. */
  firstRun: FirstRun | null;
  /** Stops the HTTP server, then closes the database. */
  stop(): Promise<void>;
}

export interface FirstRun {
  code: string;
  expiresAt: Date;
  /** The console's setup screen with the code filled in. */
  url: string;
}

export async function startNode(
  config: NodeConfig,
  opts: { logger?: Deps['logger'] } = {},
): Promise<NodeService> {
  const logger = opts.logger ?? createLogger(`node:${config.name}`, config.logLevel);
  if (!config.tlsCertFile !== !config.tlsKeyFile)
    throw new StartupError('--tls-cert and --tls-key go together');
  const { handle, deps } = await openNodeDatabase(config, logger);
  const tls =
    config.tlsCertFile && config.tlsKeyFile
      ? { cert: readFileSync(config.tlsCertFile), key: readFileSync(config.tlsKeyFile) }
      : undefined;
  const running = await startDatabaseService({
    service: 'concord-node',
    version: VERSION,
    host: config.host,
    port: config.port,
    logger,
    tls,
    responseHeaders: tls ? { ...SECURITY_HEADERS, 'strict-transport-security': HSTS } : SECURITY_HEADERS,
    routes: nodeRoutes(config, deps),
    database: handle,
    healthInfo: { name: config.name, industry: config.industry },
  });
  logger.info({ url: running.url, database: handle.target }, 'node listening');
  const firstRun = await announceFirstRun(deps, { config, url: running.url });
  const federation = await startFederationWorker({ ...deps, config });
  const consentSweeper = startConsentSweeper(deps);
  // Cross-tabs and NPS read an in-process snapshot: build it now (in short transactions) instead of on first use.
  freshSnapshot(handle.db).then(
    ({ snapshot }) => logger.info({ customers: snapshot.slots }, 'analytics snapshot ready'),
    (error: unknown) =>
      logger.warn({ error: String(error) }, 'analytics snapshot not built; the first query will'),
  );
  return {
    ...running,
    db: handle.db,
    logger,
    federation,
    firstRun,
    stop: async () => {
      await federation?.stop();
      await consentSweeper.stop();
      await running.close();
      await handle.close();
    },
  };
}

/** Opens and migrates the database, then the start-up repairs: interrupted imports, identity backfill, demo seed. */
async function openNodeDatabase(config: NodeConfig, logger: Deps['logger']) {
  const handle = await createDatabase<Database>({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(handle.db, migrations);
  // The node's one dependencies object (on the wall clock): the repairs, routes and background work all take it.
  const deps = depsOf(createInnerContext({ db: handle.db, config, logger }));
  const interrupted = await markInterruptedImports(deps);
  if (interrupted.length > 0) logger.warn({ imports: interrupted }, 'imports interrupted by the last stop');
  const backfilled = await backfillIdentity(handle.db, config.defaultRegion);
  if (backfilled.identifiers + backfilled.names > 0) logger.info(backfilled, 'identity data backfilled');
  if (config.seed)
    await seedDemoData(deps, {
      profile: config.seed,
      industry: config.industry,
      populationSize: config.seedPopulation,
    });
  return { handle, deps };
}

/** tRPC behind the gate, the three upload routes, and the console at / (with --web-dir). */
function nodeRoutes(config: NodeConfig, deps: Deps): Route[] {
  const { logger } = deps;
  const base = createInnerContext({ ...deps, config });
  const trpc = trpcHandler(logger, {
    router: appRouter,
    createContext: async ({ req, res }): Promise<Context> => ({
      ...base,
      user: gatedCaller(req) ?? (await authenticateRequest(deps, req.headers)),
      http: {
        headers: req.headers,
        setHeader: (n, v) => res.setHeader(n, v),
        ip: clientIp(req, config.trustProxy),
        secure: isSecureRequest(req, config.trustProxy),
      },
    }),
  });
  const gate = { ...deps, trustProxy: config.trustProxy };
  const uploads = { ...gate, maxUploadBytes: config.maxUploadBytes };
  return [
    {
      prefix: '/trpc',
      handler: trpcGate(
        { ...gate, authenticate: authenticateRequest, maxBodyBytes: config.maxBodyBytes },
        trpc,
      ),
    },
    importUploadRoute({ ...uploads, defaultRegion: config.defaultRegion }),
    consentImportRoute(uploads),
    ...analyticsImportRoutes(uploads),
    ...(config.webDir ? [{ prefix: '/', handler: staticFiles(config.webDir) }] : []),
  ];
}

/** With no users yet: a one-time setup code and its link (the code itself goes only to the terminal, main.ts). */
async function announceFirstRun(
  deps: Deps,
  input: { config: NodeConfig; url: string },
): Promise<FirstRun | null> {
  const { config, url } = input;
  const { logger } = deps;
  const issued = await issueSetupCode(deps, { ttlMinutes: config.setupCodeTtlMinutes });
  if (!issued) return null;
  const publicUrl = (config.publicUrl ?? url).replace(/\/+$/, '');
  logger.info({ expiresAt: issued.expiresAt }, 'no users yet: first-run setup code issued');
  return { ...issued, url: `${publicUrl}/setup?code=${encodeURIComponent(issued.code)}` };
}

/** The first-run lines a node prints; `pnpm start` recognises them by their first words. */
export const FIRST_RUN_MARKER = 'concord-node: first-run setup';

export function firstRunMessage(nodeUrl: string, firstRun: FirstRun): string {
  return [
    `${FIRST_RUN_MARKER}: this node has no users yet.`,
    `${FIRST_RUN_MARKER}: open ${firstRun.url}`,
    `${FIRST_RUN_MARKER}: or run: concord setup admin --node ${nodeUrl} --code ${firstRun.code} --email you@example.com`,
    `${FIRST_RUN_MARKER}: the code works once and expires at ${firstRun.expiresAt.toISOString()}.`,
    '',
  ].join('\n');
}
