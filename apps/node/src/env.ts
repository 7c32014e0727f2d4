// The node's configuration: the one place that reads process.env and argv, parsed with zod.
import { parseArgs } from 'node:util';
import { z } from 'zod';

const Industry = z.enum(['bank', 'insurance', 'automotive', 'retail', 'telecom', 'other']);

export const NodeConfig = z.object({
  /** Display name of the partner company running this node. */
  name: z.string().min(1).default('Concord node'),
  industry: Industry.default('other'),
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(4100),
  /** Postgres URL; when absent the node uses embedded PGlite in `dataDir`. */
  databaseUrl: z.string().url().optional(),
  dataDir: z.string().default('.concord/node'),
  /** Clean room base URL and this node's credential there. */
  cleanroomUrl: z.string().url().optional(),
  cleanroomCredential: z.string().optional(),
  /** A file holding the credential instead (re-read when it changes: onboarding/rotation without a restart). */
  cleanroomCredentialFile: z.string().optional(),
  /** Secret that seals this node's private X25519 key and collaboration secrets at rest (federation). */
  nodeSecret: z.string().min(16).optional(),
  /** Region for national phone numbers (ISO 3166 alpha-2). */
  defaultRegion: z.string().length(2).default('DE'),
  /** Directory with the built console to serve at `/`. */
  webDir: z.string().optional(),
  /** Seed synthetic demo data (customers, history, consent, demo users) with this profile when the node is empty. */
  seed: z.enum(['bank', 'insurer', 'dealer']).optional(),
  /** How many people the demo population has (each company holds an overlapping part of it). */
  seedPopulation: z.coerce.number().int().min(10).max(1_000_000).default(6000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How long the first-run setup code printed by a node without users stays valid. */
  setupCodeTtlMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(24 * 60),
  /** The URL people reach this node at (behind a proxy); used in printed links. Defaults to the listen address. */
  publicUrl: z.string().url().optional(),
});
export type NodeConfig = z.infer<typeof NodeConfig>;

/** Under test, password hashing uses cheap scrypt parameters (auth/password.ts) to keep suites fast. */
export const fastPasswordHashing =
  process.env.NODE_ENV === 'test' || process.env.CONCORD_FAST_PASSWORD_HASH === '1';

/** Reads CONCORD_NODE_* variables, DATABASE_URL, and --flags (flags win). */
export function loadNodeConfig(argv = process.argv.slice(2), env = process.env): NodeConfig {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      name: { type: 'string' },
      industry: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      'cleanroom-url': { type: 'string' },
      'cleanroom-credential': { type: 'string' },
      'cleanroom-credential-file': { type: 'string' },
      'node-secret': { type: 'string' },
      'default-region': { type: 'string' },
      'web-dir': { type: 'string' },
      'log-level': { type: 'string' },
      seed: { type: 'string' },
      'seed-population': { type: 'string' },
      'setup-code-ttl': { type: 'string' },
      'public-url': { type: 'string' },
    },
  });
  const pick = (flag: string, ...vars: string[]) =>
    (values[flag] as string | undefined) ?? vars.map((v) => env[v]).find((v) => v !== undefined && v !== '');
  return NodeConfig.parse({
    name: pick('name', 'CONCORD_NODE_NAME'),
    industry: pick('industry', 'CONCORD_NODE_INDUSTRY'),
    host: pick('host', 'CONCORD_NODE_HOST'),
    port: pick('port', 'CONCORD_NODE_PORT', 'PORT'),
    databaseUrl: pick('database-url', 'CONCORD_NODE_DATABASE_URL', 'DATABASE_URL'),
    dataDir: pick('data-dir', 'CONCORD_NODE_DATA_DIR'),
    cleanroomUrl: pick('cleanroom-url', 'CONCORD_CLEANROOM_URL'),
    cleanroomCredential: pick('cleanroom-credential', 'CONCORD_CLEANROOM_CREDENTIAL'),
    cleanroomCredentialFile: pick('cleanroom-credential-file', 'CONCORD_CLEANROOM_CREDENTIAL_FILE'),
    nodeSecret: pick('node-secret', 'CONCORD_NODE_SECRET'),
    defaultRegion: pick('default-region', 'CONCORD_NODE_DEFAULT_REGION'),
    webDir: pick('web-dir', 'CONCORD_WEB_DIR'),
    logLevel: pick('log-level', 'LOG_LEVEL'),
    seed: pick('seed', 'CONCORD_NODE_SEED'),
    seedPopulation: pick('seed-population', 'CONCORD_SEED_POPULATION'),
    setupCodeTtlMinutes: pick('setup-code-ttl', 'CONCORD_SETUP_CODE_TTL_MINUTES'),
    publicUrl: pick('public-url', 'CONCORD_NODE_PUBLIC_URL'),
  });
}
