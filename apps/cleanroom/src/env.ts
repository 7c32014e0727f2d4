// The clean room's configuration: the one place that reads process.env and argv, parsed with zod.
import { readSettings, type SettingSources, serviceSources } from '@concord/service';
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
  /** The built web console (apps/web/dist); when set, the operator console is served at `/`. */
  webDir: z.string().optional(),
  /**
   * Shard servers for token data (`postgres://user@host:port/db`, comma-separated in CONCORD_CLEANROOM_SHARDS);
   * empty = every token table on the clean room's own database. Needs `databaseUrl` (docs/scale.md).
   */
  shards: z.array(z.string().url()).default([]),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type CleanroomConfig = z.infer<typeof CleanroomConfig>;

/** Each setting's --flag and environment variables (the first one set wins; a flag wins over all). */
const SOURCES = {
  operatorToken: ['operator-token', 'CONCORD_OPERATOR_TOKEN'],
  webDir: ['web-dir', 'CONCORD_CLEANROOM_WEB_DIR'],
  sweepIntervalSeconds: ['sweep-interval', 'CONCORD_CLEANROOM_SWEEP_INTERVAL'],
  shards: ['shards', 'CONCORD_CLEANROOM_SHARDS'],
  ...serviceSources('CONCORD_CLEANROOM'),
} satisfies SettingSources<string>;

/** Reads CONCORD_CLEANROOM_* variables, DATABASE_URL, and --flags (flags win). */
export function loadCleanroomConfig(argv = process.argv.slice(2), env = process.env): CleanroomConfig {
  const { shards, ...given } = readSettings(SOURCES, argv, env);
  return CleanroomConfig.parse({
    ...given,
    shards: shards
      ?.split(',')
      .map((u) => u.trim())
      .filter(Boolean),
  });
}
