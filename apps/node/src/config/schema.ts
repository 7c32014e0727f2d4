// The node's settings as one zod schema: read from the configuration file, environment and flags (env.ts), and
// written by `concord node init` (the CLI validates with this same schema before writing a file).
import { z } from 'zod';

/** The file `concord node init` writes and a node reads from its working directory by default. */
export const NODE_CONFIG_FILE = 'concord.node.json';

export const Industry = z.enum(['bank', 'insurance', 'automotive', 'retail', 'telecom', 'other']);

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
  /** Days during which a customer merge can be undone. */
  mergeUndoDays: z.coerce.number().int().min(0).max(3650).default(30),
  /** Directory with the built console to serve at `/`. */
  webDir: z.string().optional(),
  /** Seed synthetic demo data (customers, history, consent, demo users) with this profile when the node is empty. */
  seed: z.enum(['bank', 'insurer', 'dealer']).optional(),
  /** How many people the demo population has (each company holds an overlapping part of it). */
  seedPopulation: z.coerce.number().int().min(10).max(1_000_000).default(6000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest JSON body (tRPC) a signed-in caller may send; anonymous callers get 16 KiB (http/trpc-gate.ts). */
  maxBodyBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Largest CSV upload (POST /api/imports/…), counted while it streams. */
  maxUploadBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 ** 3),
  /** Behind a reverse proxy: believe its X-Forwarded-For/-Proto/-Host (client address, HTTPS, origin). */
  trustProxy: z.union([z.boolean(), z.stringbool()]).default(false),
  /** Serve HTTPS directly: PEM certificate chain and private key files. */
  tlsCertFile: z.string().optional(),
  tlsKeyFile: z.string().optional(),
  /** Password hashes computed at once (each is a thread-pool job); more sign-ins wait in a short queue. */
  loginConcurrency: z.coerce.number().int().min(1).max(64).default(2),
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

/** Settings that belong in the file (secrets do not: the node secret comes from the environment or a file). */
export const NodeConfigFile = NodeConfig.omit({ nodeSecret: true, cleanroomCredential: true, seed: true })
  .extend({
    /** A file holding the node secret (mode 0600), instead of CONCORD_NODE_SECRET. */
    nodeSecretFile: z.string().optional(),
  })
  .partial()
  .strict();
export type NodeConfigFile = z.infer<typeof NodeConfigFile>;
