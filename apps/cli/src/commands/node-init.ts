// `concord node init`: writes a node's configuration file (concord.node.json) and its secret file, validated with
// the node's own schema, so a company starts its node with `node apps/node/src/main.ts` and nothing else.
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { NODE_CONFIG_FILE, NodeConfigFile } from '@concord/node/config';
import type { Command } from '../framework.ts';
import { UsageError } from '../framework.ts';

const SETTINGS = {
  name: 'name',
  industry: 'industry',
  region: 'defaultRegion',
  'cleanroom-url': 'cleanroomUrl',
  'database-url': 'databaseUrl',
  'data-dir': 'dataDir',
  'public-url': 'publicUrl',
  'web-dir': 'webDir',
} as const;

function listen(value: string | undefined): { host?: string; port?: number } {
  if (!value) return {};
  const match = value.match(/^(?:(.+):)?(\d+)$/);
  if (!match) throw new UsageError('--listen must be PORT or HOST:PORT');
  return { ...(match[1] ? { host: match[1] } : {}), port: Number(match[2]) };
}

export const init: Command = {
  summary: `Write this node's configuration file (${NODE_CONFIG_FILE}) and a fresh node secret file`,
  options: {
    name: { type: 'string', valueName: 'NAME', description: 'company name' },
    industry: {
      type: 'string',
      valueName: 'SLUG',
      description: 'bank, insurance, automotive, retail, telecom, other',
    },
    region: {
      type: 'string',
      valueName: 'CC',
      description: 'default region for national phone numbers (DE)',
    },
    'cleanroom-url': { type: 'string', valueName: 'URL', description: 'the clean room this node joins' },
    listen: {
      type: 'string',
      valueName: 'HOST:PORT',
      description: 'listen address (default 127.0.0.1:4100)',
    },
    'database-url': {
      type: 'string',
      valueName: 'URL',
      description: 'Postgres (else embedded PGlite in --data-dir)',
    },
    'data-dir': { type: 'string', valueName: 'DIR', description: 'PGlite data and the credential file' },
    'public-url': {
      type: 'string',
      valueName: 'URL',
      description: 'URL people reach the node at (behind TLS)',
    },
    'web-dir': { type: 'string', valueName: 'DIR', description: 'built console to serve (apps/web/dist)' },
    out: { type: 'string', valueName: 'FILE', description: `where to write (default ./${NODE_CONFIG_FILE})` },
    force: { type: 'boolean', description: 'overwrite an existing file' },
  },
  details: [
    'Example:',
    '  concord node init --name "Acme Retail" --industry retail --region FR \\',
    '    --cleanroom-url https://cleanroom.example --listen 0.0.0.0:4100 --database-url postgres://…',
    '',
    'Writes node.secret (mode 0600) beside the file; keep it safe: it seals the node key at rest. The clean-room',
    'credential will be kept beside it too (cleanroom.credential, written when the node joins).',
    'Each problem is reported on its own line; nothing is written until all are fixed.',
  ].join('\n'),
  run: async (ctx) => {
    const out = resolve((ctx.options.out as string | undefined) ?? NODE_CONFIG_FILE);
    if (existsSync(out) && !ctx.options.force)
      throw new UsageError(`${out} exists (use --force to replace it)`);
    const secretFile = join(dirname(out), 'node.secret');
    const settings: Record<string, unknown> = { ...listen(ctx.options.listen as string | undefined) };
    for (const [flag, key] of Object.entries(SETTINGS)) {
      if (ctx.options[flag] !== undefined) settings[key] = ctx.options[flag];
    }
    settings.nodeSecretFile = secretFile;
    // Beside the file, never a shared default: two nodes on one machine must not pick up each other's credential.
    settings.cleanroomCredentialFile = join(dirname(out), 'cleanroom.credential');
    const checked = NodeConfigFile.safeParse(settings);
    if (!checked.success) {
      for (const issue of checked.error.issues)
        ctx.io.stderr.write(`concord node init: ${issue.path.join('.') || 'settings'}: ${issue.message}\n`);
      return 2;
    }
    if (!existsSync(secretFile)) {
      writeFileSync(secretFile, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    }
    // The settings as given (validated above), not the parsed form: defaults stay defaults, not pinned values.
    writeFileSync(out, `${JSON.stringify(settings, null, 2)}\n`);
    ctx.io.stdout.write(
      `wrote ${out}\nstart the node with: node --import tsx apps/node/src/main.ts --config ${out}\n`,
    );
    return 0;
  },
};
