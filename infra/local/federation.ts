// `pnpm start`: runs a local federation — the clean room, three partner nodes and their consoles — until Ctrl-C.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseUrl, ensureDatabase } from './postgres.ts';
import { type ServiceProcess, spawnService, stopAll, waitHealthy } from './processes.ts';
import { registerPartners } from './register.ts';
import { loadState, saveState } from './state.ts';
import {
  CLEANROOM_PORT,
  DEMO_PASSWORD,
  DEMO_ROLES,
  demoEmail,
  PARTNERS,
  type PartnerSpec,
  partnerRegions,
} from './topology.ts';

const ROOT = resolve(import.meta.dirname, '../..');

const { values: flags } = parseArgs({
  options: {
    'no-seed': { type: 'boolean', default: false },
    'no-web': { type: 'boolean', default: false },
    postgres: { type: 'string' },
    'data-dir': { type: 'string', default: '.concord' },
    'base-port': { type: 'string', default: String(CLEANROOM_PORT) },
    region: { type: 'string' },
    'start-timeout': { type: 'string', default: process.env.CONCORD_START_TIMEOUT ?? '0' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (flags.help || !/^\d+$/.test(flags['base-port'] ?? '') || !/^\d+$/.test(flags['start-timeout'] ?? '')) {
  process.stdout.write(`Usage: pnpm start [--no-seed] [--postgres URL] [--data-dir DIR] [--no-web]

Runs the clean room (port ${CLEANROOM_PORT}) and three partner nodes (${PARTNERS.map((p) => p.port).join(', ')}).
  --no-seed        start with empty nodes (no synthetic customers, no demo users)
  --postgres URL   use this Postgres server (one database per service, created if missing)
                   instead of embedded PGlite; also read from CONCORD_POSTGRES_URL
  --data-dir DIR   where PGlite data, logs and credentials live (default .concord)
  --no-web         do not build/serve the console
  --base-port N    clean room on N, nodes on N+101, N+102, N+103 (default ${CLEANROOM_PORT})
  --start-timeout S give up when a service is not healthy after S seconds (also CONCORD_START_TIMEOUT;
                   default 0: no deadline, a note every 30 s while waiting)
  --region K=XX    default phone region per partner, e.g. bank=US,insurer=GB (also CONCORD_BANK_REGION…;
                   defaults: ${PARTNERS.map((p) => `${p.key}=${p.region}`).join(', ')})
`);
  process.exit(0);
}

const dataDir = resolve(ROOT, flags['data-dir'] ?? '.concord');
const logDir = join(dataDir, 'logs');
const postgres = flags.postgres ?? process.env.CONCORD_POSTGRES_URL;
const seed = !flags['no-seed'];
const basePort = Number(flags['base-port']);
const regions = partnerRegions(flags.region, process.env);
const portOf = (p: PartnerSpec) => p.port - CLEANROOM_PORT + basePort;
const t0 = Date.now();
const say = (line: string) => process.stdout.write(`${line}\n`);
const services: ServiceProcess[] = [];

/** The database for one service: a URL on the given Postgres server, or a PGlite data dir. */
async function storageArgs(name: string): Promise<string[]> {
  const envUrl = process.env[`CONCORD_${name.toUpperCase()}_DATABASE_URL`];
  if (envUrl) return ['--database-url', envUrl];
  if (postgres) {
    const db = `concord_${name}`;
    await ensureDatabase(postgres, db);
    return ['--database-url', databaseUrl(postgres, db)];
  }
  return ['--data-dir', join(dataDir, name)];
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The console's build output, served by every node; undefined with --no-web or without apps/web. */
const webDir =
  flags['no-web'] || !existsSync(join(ROOT, 'apps/web/package.json'))
    ? undefined
    : join(ROOT, 'apps/web/dist');

/**
 * Builds the console when its sources are newer than the last build. Runs beside the services' start-up (nodes
 * serve the dist dir at request time), so a fresh clone does not pay for the build before anything else.
 */
async function buildConsole(dist: string): Promise<void> {
  const index = join(dist, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built >= newestMtime(join(ROOT, 'apps/web/src'))) return;
  say('building the console…');
  // Bundler chatter stays out of the way; it is shown only if the build fails.
  await new Promise<void>((done, fail) => {
    execFile('pnpm', ['--filter', '@concord/web', 'build'], { cwd: ROOT }, (error, stdout, stderr) => {
      if (!error) return done();
      process.stderr.write(`${stdout}${stderr}`);
      fail(new Error('the console did not build (output above); `pnpm start --no-web` runs without it'));
    });
  });
}

async function main(): Promise<void> {
  const state = loadState(dataDir);
  saveState(dataDir, state);
  const consoleBuilt = webDir ? buildConsole(webDir) : Promise.resolve();
  // Awaited (and reported) once the services are up; until then a failure must not count as unhandled.
  consoleBuilt.catch(() => {});
  const cleanroomUrl = `http://127.0.0.1:${basePort}`;

  const cleanroom = spawnService({
    name: 'cleanroom',
    entry: 'apps/cleanroom/src/main.ts',
    args: ['--port', String(basePort), ...(await storageArgs('cleanroom'))],
    env: { CONCORD_OPERATOR_TOKEN: state.operatorToken },
    url: cleanroomUrl,
    cwd: ROOT,
    logDir,
  });
  services.push(cleanroom);

  // Each node reads its clean-room credential from a file it re-reads when it changes: on first run the file
  // appears once the operator has registered the node, and no node has to restart for it.
  const credentialFile = (p: PartnerSpec) => join(dataDir, `${p.key}.credential`);
  const writeCredentials = () => {
    for (const p of PARTNERS) {
      const credential = state.partners[p.key]?.credential;
      if (credential) writeFileSync(credentialFile(p), `${credential}\n`, { mode: 0o600 });
    }
  };
  writeCredentials();
  const startNodeProcess = async (p: PartnerSpec): Promise<ServiceProcess> => {
    state.nodeSecrets[p.key] ??= randomBytes(32).toString('base64url');
    const node = spawnService({
      name: p.key,
      entry: 'apps/node/src/main.ts',
      args: [
        '--port',
        String(portOf(p)),
        '--name',
        p.name,
        '--industry',
        p.industry,
        '--default-region',
        regions[p.key] ?? p.region,
        ...(await storageArgs(p.key)),
        ...(webDir ? ['--web-dir', webDir] : []),
        ...(seed ? ['--seed', p.key] : []),
      ],
      env: {
        CONCORD_CLEANROOM_URL: cleanroomUrl,
        CONCORD_CLEANROOM_CREDENTIAL_FILE: credentialFile(p),
        CONCORD_NODE_SECRET: state.nodeSecrets[p.key],
      },
      url: `http://127.0.0.1:${portOf(p)}`,
      cwd: ROOT,
      logDir,
    });
    services.push(node);
    return node;
  };

  // Nodes start beside the clean room: they only need it once they publish, and seeding is the long part.
  const nodes = await Promise.all(PARTNERS.map(startNodeProcess));
  saveState(dataDir, state);
  const startTimeoutMs = Number(flags['start-timeout']) * 1000;
  const waiting = { timeoutMs: startTimeoutMs, note: say };
  await waitHealthy(cleanroom, waiting);
  await Promise.all(nodes.map((n) => waitHealthy(n, waiting)));

  // First run: the operator registers each node's public key; each node picks up its credential file.
  const pending = PARTNERS.flatMap((spec, i) =>
    state.partners[spec.key] ? [] : [{ spec, url: nodes[i]?.url ?? '' }],
  );
  if (pending.length > 0) {
    say(`registering ${pending.map((p) => p.spec.name).join(', ')} at the clean room…`);
    await registerPartners(cleanroomUrl, state, pending);
    saveState(dataDir, state);
  }
  writeCredentials();

  await consoleBuilt;
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  say(
    `\nConcord federation is up (${seconds}s) — ${postgres ? `Postgres at ${new URL(postgres).host}` : `PGlite in ${dataDir}`}\n`,
  );
  say(`  clean room        ${cleanroomUrl}   (operator token in ${join(dataDir, 'federation.json')})`);
  for (const [i, p] of PARTNERS.entries())
    say(`  ${p.name.padEnd(17)} ${nodes[i]?.url}   console: ${webDir ? `${nodes[i]?.url}/` : 'not built'}`);
  if (seed) {
    say(`\nDemo logins (password "${DEMO_PASSWORD}"):`);
    for (const p of PARTNERS)
      say(`  ${p.name.padEnd(17)} ${DEMO_ROLES.map((r) => demoEmail(r, p)).join('  ')}`);
  }
  say(`\nLogs in ${logDir}. Press Ctrl-C to stop.`);

  // If any service dies, say which and stop the rest rather than leaving a half-federation running.
  void Promise.race(services.map((s) => s.exited.then((code) => ({ s, code })))).then(async ({ s, code }) => {
    if (stopping) return;
    say(`\n${s.name} stopped unexpectedly (exit ${code}); see ${s.logFile}. Stopping the federation.`);
    await shutdown(1);
  });
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await stopAll(services);
  process.exit(code);
}

process.on('SIGINT', () => {
  say('\nstopping…');
  void shutdown(0);
});
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error: unknown) => {
  process.stderr.write(`concord start: ${(error as Error).message}\n`);
  await shutdown(1);
});
