// How a Concord service comes up (node and clean room alike): the tRPC handler at /trpc that logs internal failures,
// an HTTP service whose /healthz pings the database and which releases what was opened when it cannot listen, and
// settings read from --flags over environment variables.
import { parseArgs } from 'node:util';
import { type DbHandle, pingDatabase } from '@concord/db';
import type { AnyRouter } from '@trpc/server';
import { type CreateHTTPHandlerOptions, createHTTPHandler } from '@trpc/server/adapters/standalone';
import { type HttpServiceOptions, type RunningService, startHttpService } from './http.ts';
import type { Logger } from './logger.ts';

/** The service's tRPC procedures under /trpc/; a procedure's INTERNAL_SERVER_ERROR is logged with its cause. */
export function trpcHandler<R extends AnyRouter>(
  logger: Logger,
  opts: Pick<CreateHTTPHandlerOptions<R>, 'router' | 'createContext'>,
) {
  return createHTTPHandler<R>({
    ...opts,
    basePath: '/trpc/',
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        logger.error({ err: error.cause ?? error, path }, 'procedure failed');
    },
  } as CreateHTTPHandlerOptions<R>);
}

export interface DatabaseServiceOptions extends Omit<HttpServiceOptions, 'health'> {
  database: Pick<DbHandle<any>, 'db' | 'close'>;
  /** What /healthz adds when the database answers (the node's name and industry). */
  healthInfo?: Record<string, unknown>;
  /** Anything else to release when the service cannot listen (a connection pool); the database is closed after. */
  release?: () => Promise<void>;
}

/** Starts the HTTP service with a database readiness check; on a failure to listen, releases and rethrows. */
export async function startDatabaseService(opts: DatabaseServiceOptions): Promise<RunningService> {
  const { database, healthInfo, release, ...http } = opts;
  try {
    return await startHttpService({
      ...http,
      health: async () => {
        await pingDatabase(database.db);
        return healthInfo;
      },
    });
  } catch (error) {
    await release?.();
    await database.close();
    throw error;
  }
}

/** Each setting's --flag and the environment variables that may give it, in order of preference. */
export type SettingSources<K extends string> = Record<K, readonly [flag: string, ...vars: string[]]>;

/**
 * The sources every Concord service shares, for the variable prefix `p` (`CONCORD_NODE`, `CONCORD_CLEANROOM`):
 * host, port, database and data directory under the prefix (PORT and DATABASE_URL as fallbacks), and LOG_LEVEL.
 */
export function serviceSources<P extends string>(p: P) {
  return {
    host: ['host', `${p}_HOST`],
    port: ['port', `${p}_PORT`, 'PORT'],
    databaseUrl: ['database-url', `${p}_DATABASE_URL`, 'DATABASE_URL'],
    dataDir: ['data-dir', `${p}_DATA_DIR`],
    logLevel: ['log-level', 'LOG_LEVEL'],
  } satisfies SettingSources<string>;
}

/** Reads every setting from its --flag (which wins) or the first non-empty variable; unset ones are left out. */
export function readSettings<K extends string>(
  sources: SettingSources<K>,
  argv: string[],
  env: Record<string, string | undefined>,
): Partial<Record<K, string>> {
  const options = Object.fromEntries(
    Object.values<readonly string[]>(sources).map(([flag]) => [flag, { type: 'string' as const }]),
  );
  const { values } = parseArgs({ args: argv, strict: false, options });
  const out: Partial<Record<K, string>> = {};
  for (const [key, [flag, ...vars]] of Object.entries(sources) as Array<
    [K, readonly [string, ...string[]]]
  >) {
    const value =
      (values[flag] as string | undefined) ??
      vars.map((v) => env[v]).find((v) => v !== undefined && v !== '');
    if (value !== undefined) out[key] = value;
  }
  return out;
}
