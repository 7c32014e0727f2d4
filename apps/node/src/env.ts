// The node's configuration: the one place that reads process.env and argv, parsed with zod.
// Precedence: --flags, then environment, then the configuration file (concord.node.json), then defaults.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { StartupError } from '@concord/service';
import { NODE_CONFIG_FILE, NodeConfig, NodeConfigFile } from './config/schema.ts';

export { NodeConfig };

/** Under test, password hashing uses cheap scrypt parameters (auth/password.ts) to keep suites fast. */
export const fastPasswordHashing =
  process.env.NODE_ENV === 'test' || process.env.CONCORD_FAST_PASSWORD_HASH === '1';

/** Reads the configuration file: missing → {}, unreadable or not JSON → one clear line. */
function readConfigFile(path: string, required: boolean): NodeConfigFile {
  if (!existsSync(path)) {
    if (required) throw new StartupError(`configuration file ${path} does not exist`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new StartupError(`configuration file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  // Unknown keys (a typo such as "prot") are reported, not ignored: a setting nothing reads is a defect.
  return NodeConfigFile.parse(parsed);
}

function readSecretFile(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new StartupError(`cannot read the node secret file ${path}: ${(error as Error).message}`);
  }
}

/** Reads --flags, CONCORD_NODE_* variables and DATABASE_URL over the configuration file. */
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
      'merge-undo-days': { type: 'string' },
      'web-dir': { type: 'string' },
      'log-level': { type: 'string' },
      seed: { type: 'string' },
      'seed-population': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'max-upload-bytes': { type: 'string' },
      'trust-proxy': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'login-concurrency': { type: 'string' },
      'setup-code-ttl': { type: 'string' },
      'public-url': { type: 'string' },
      config: { type: 'string' },
    },
  });
  const pick = (flag: string, ...vars: string[]) =>
    (values[flag] as string | undefined) ?? vars.map((v) => env[v]).find((v) => v !== undefined && v !== '');
  const explicit = pick('config', 'CONCORD_NODE_CONFIG');
  const { nodeSecretFile, ...file } = readConfigFile(
    resolve(explicit ?? NODE_CONFIG_FILE),
    Boolean(explicit),
  );
  const given = {
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
    mergeUndoDays: pick('merge-undo-days', 'CONCORD_NODE_MERGE_UNDO_DAYS'),
    webDir: pick('web-dir', 'CONCORD_WEB_DIR'),
    logLevel: pick('log-level', 'LOG_LEVEL'),
    seed: pick('seed', 'CONCORD_NODE_SEED'),
    seedPopulation: pick('seed-population', 'CONCORD_SEED_POPULATION'),
    maxBodyBytes: pick('max-body-bytes', 'CONCORD_NODE_MAX_BODY_BYTES'),
    maxUploadBytes: pick('max-upload-bytes', 'CONCORD_NODE_MAX_UPLOAD_BYTES'),
    trustProxy: pick('trust-proxy', 'CONCORD_NODE_TRUST_PROXY'),
    tlsCertFile: pick('tls-cert', 'CONCORD_NODE_TLS_CERT'),
    tlsKeyFile: pick('tls-key', 'CONCORD_NODE_TLS_KEY'),
    loginConcurrency: pick('login-concurrency', 'CONCORD_NODE_LOGIN_CONCURRENCY'),
    setupCodeTtlMinutes: pick('setup-code-ttl', 'CONCORD_SETUP_CODE_TTL_MINUTES'),
    publicUrl: pick('public-url', 'CONCORD_NODE_PUBLIC_URL'),
  };
  const merged: Record<string, unknown> = { ...file };
  for (const [key, value] of Object.entries(given)) if (value !== undefined) merged[key] = value;
  if (merged.nodeSecret === undefined && nodeSecretFile) merged.nodeSecret = readSecretFile(nodeSecretFile);
  return NodeConfig.parse(merged);
}
