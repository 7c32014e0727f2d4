// The node's configuration: the one place that reads process.env and argv, parsed with zod.
// Precedence: --flags, then environment, then the configuration file (concord.node.json), then defaults.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readSettings, type SettingSources, StartupError, serviceSources } from '@concord/service';
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

/** Each setting's --flag and environment variables (the first one set wins; a flag wins over all). */
const SOURCES = {
  name: ['name', 'CONCORD_NODE_NAME'],
  industry: ['industry', 'CONCORD_NODE_INDUSTRY'],
  ...serviceSources('CONCORD_NODE'),
  cleanroomUrl: ['cleanroom-url', 'CONCORD_CLEANROOM_URL'],
  cleanroomCredential: ['cleanroom-credential', 'CONCORD_CLEANROOM_CREDENTIAL'],
  cleanroomCredentialFile: ['cleanroom-credential-file', 'CONCORD_CLEANROOM_CREDENTIAL_FILE'],
  nodeSecret: ['node-secret', 'CONCORD_NODE_SECRET'],
  defaultRegion: ['default-region', 'CONCORD_NODE_DEFAULT_REGION'],
  mergeUndoDays: ['merge-undo-days', 'CONCORD_NODE_MERGE_UNDO_DAYS'],
  webDir: ['web-dir', 'CONCORD_WEB_DIR'],
  seed: ['seed', 'CONCORD_NODE_SEED'],
  seedPopulation: ['seed-population', 'CONCORD_SEED_POPULATION'],
  maxBodyBytes: ['max-body-bytes', 'CONCORD_NODE_MAX_BODY_BYTES'],
  maxUploadBytes: ['max-upload-bytes', 'CONCORD_NODE_MAX_UPLOAD_BYTES'],
  trustProxy: ['trust-proxy', 'CONCORD_NODE_TRUST_PROXY'],
  tlsCertFile: ['tls-cert', 'CONCORD_NODE_TLS_CERT'],
  tlsKeyFile: ['tls-key', 'CONCORD_NODE_TLS_KEY'],
  loginConcurrency: ['login-concurrency', 'CONCORD_NODE_LOGIN_CONCURRENCY'],
  setupCodeTtlMinutes: ['setup-code-ttl', 'CONCORD_SETUP_CODE_TTL_MINUTES'],
  publicUrl: ['public-url', 'CONCORD_NODE_PUBLIC_URL'],
  /** Not a setting: where the configuration file is. */
  config: ['config', 'CONCORD_NODE_CONFIG'],
} satisfies SettingSources<string>;

/** Reads --flags, CONCORD_NODE_* variables and DATABASE_URL over the configuration file. */
export function loadNodeConfig(argv = process.argv.slice(2), env = process.env): NodeConfig {
  const { config: explicit, ...given } = readSettings(SOURCES, argv, env);
  const { nodeSecretFile, ...file } = readConfigFile(
    resolve(explicit ?? NODE_CONFIG_FILE),
    Boolean(explicit),
  );
  const merged: Record<string, unknown> = { ...file, ...given };
  if (merged.nodeSecret === undefined && nodeSecretFile) merged.nodeSecret = readSecretFile(nodeSecretFile);
  return NodeConfig.parse(merged);
}
