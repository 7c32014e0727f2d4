// The clean room's configuration: the one place that reads process.env and argv, parsed with zod.
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const CleanroomConfig = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Postgres URL; when absent the clean room uses embedded PGlite in `dataDir`. */
  databaseUrl: z.string().url().optional(),
  dataDir: z.string().default('.concord/cleanroom'),
  /** Operator token for `concord cleanroom …` admin calls; stored only in the operator's environment. */
  operatorToken: z.string().min(16).optional(),
  /** Seconds between retention sweeps (expiry of collaborations, versions, lists); 0 disables the timer. */
  sweepIntervalSeconds: z.coerce.number().int().min(0).default(300),
  /**
   * Shard servers for token data (`postgres://user@host:port/db`, comma-separated in CONCORD_CLEANROOM_SHARDS);
   * empty = every token table on the clean room's own database. Needs `databaseUrl` (docs/scale.md).
   */
  shards: z.array(z.string().url()).default([]),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type CleanroomConfig = z.infer<typeof CleanroomConfig>;

/** Reads CONCORD_CLEANROOM_* variables, DATABASE_URL, and --flags (flags win). */
export function loadCleanroomConfig(argv = process.argv.slice(2), env = process.env): CleanroomConfig {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      'operator-token': { type: 'string' },
      'log-level': { type: 'string' },
      'sweep-interval': { type: 'string' },
      shards: { type: 'string' },
    },
  });
  const pick = (flag: string, ...vars: string[]) =>
    (values[flag] as string | undefined) ?? vars.map((v) => env[v]).find((v) => v !== undefined && v !== '');
  return CleanroomConfig.parse({
    host: pick('host', 'CONCORD_CLEANROOM_HOST'),
    port: pick('port', 'CONCORD_CLEANROOM_PORT', 'PORT'),
    databaseUrl: pick('database-url', 'CONCORD_CLEANROOM_DATABASE_URL', 'DATABASE_URL'),
    dataDir: pick('data-dir', 'CONCORD_CLEANROOM_DATA_DIR'),
    operatorToken: pick('operator-token', 'CONCORD_OPERATOR_TOKEN'),
    logLevel: pick('log-level', 'LOG_LEVEL'),
    sweepIntervalSeconds: pick('sweep-interval', 'CONCORD_CLEANROOM_SWEEP_INTERVAL'),
    shards: pick('shards', 'CONCORD_CLEANROOM_SHARDS')
      ?.split(',')
      .map((u) => u.trim())
      .filter(Boolean),
  });
}
