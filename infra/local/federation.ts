// `pnpm start`: runs a local federation — the clean room, the partner nodes and their consoles — until Ctrl-C.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { banner } from './banner.ts';
import { startDemoCollaboration } from './demo.ts';
import { databaseUrl, ensureDatabase } from './postgres.ts';
import {
  lastLogLines,
  refusedPort,
  type ServiceProcess,
  StartFailure,
  spawnService,
  stopAll,
  waitHealthy,
} from './processes.ts';
import { registerPartners } from './register.ts';
import { loadState, saveState } from './state.ts';
import { loadFederation, type PartnerSpec, partnerRegions, seedProfile } from './topology.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** What a node prints before its one-time setup code (apps/node/src/server.ts FIRST_RUN_MARKER). */
const FIRST_RUN_MARKER = 'concord-node: first-run setup';

const { values: flags } = parseArgs({
  options: {
    'no-seed': { type: 'boolean', default: false },
    'no-web': { type: 'boolean', default: false },
    postgres: { type: 'string' },
    'data-dir': { type: 'string', default: '.concord' },
    'base-port': { type: 'string' },
    federation: { type: 'string' },
    region: { type: 'string' },
    'start-timeout': { type: 'string', default: process.env.CONCORD_START_TIMEOUT ?? '0' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const usage = `Usage: pnpm start [--no-seed] [--postgres URL] [--data-dir DIR] [--no-web] [--federation FILE]

Runs the clean room (port 4000) and the partner nodes (default: a bank, an insurer and a car dealer on 4101-4103).
  --no-seed          start with empty nodes: each prints a one-time setup link for its first admin
  --postgres URL     use this Postgres server (one database per service, created if missing)
                     instead of embedded PGlite; also read from CONCORD_POSTGRES_URL
  --data-dir DIR     where PGlite data, logs, credentials and node configuration files live (default .concord)
  --no-web           do not build/serve the console
  --federation FILE  partners to run: {"cleanroom":{"port":4000},"partners":[{"key","name","industry","region","port"}]}
  --base-port N      clean room on N, every other port moved by the same amount
  --start-timeout S  give up when a service is not healthy after S seconds (also CONCORD_START_TIMEOUT;
                     default 0: no deadline, a note every 30 s while waiting)
  --region K=XX      default phone region per partner, e.g. bank=US,insurer=GB (also CONCORD_BANK_REGION…;
                     defaults: the federation's regions, bank=DE, insurer=AT, dealer=CH)
`;
if (flags.help || !/^\d*$/.test(flags['base-port'] ?? '') || !/^\d+$/.test(flags['start-timeout'] ?? '0')) {
  process.stdout.write(usage);
  process.exit(flags.help ? 0 : 2);
}

const federation = loadFederationOrExit();
const regions = regionsOrExit();
const dataDir = resolve(ROOT, flags['data-dir'] ?? '.concord');
const logDir = join(dataDir, 'logs');
const postgres = flags.postgres ?? process.env.CONCORD_POSTGRES_URL;
const seed = !flags['no-seed'];
const basePort = flags['base-port'] ? Number(flags['base-port']) : federation.cleanroom.port;
const portOf = (p: PartnerSpec) => p.port - federation.cleanroom.port + basePort;
const startTimeoutMs = Number(flags['start-timeout']) * 1000;
const t0 = Date.now();
const say = (line: string) => process.stdout.write(`${line}\n`);
const services: ServiceProcess[] = [];
const firstRun: Record<string, string[]> = {};

function loadFederationOrExit() {
  try {
    return loadFederation(flags.federation ? resolve(flags.federation) : undefined);
  } catch (error) {
    for (const line of (error as Error).message.split('\n')) process.stderr.write(`concord start: ${line}\n`);
    process.exit(2);
  }
}

function regionsOrExit(): Record<string, string> {
  try {
    return partnerRegions(flags.region, process.env, federation.partners);
  } catch (error) {
    process.stderr.write(`concord start: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

/** The database for one service: a URL on the given Postgres server, or a PGlite data dir. */
async function storage(name: string): Promise<{ databaseUrl: string } | { dataDir: string }> {
  const envUrl = process.env[`CONCORD_${name.toUpperCase()}_DATABASE_URL`];
  if (envUrl) return { databaseUrl: envUrl };
  if (postgres) {
    const db = `concord_${name}`;
    await ensureDatabase(postgres, db);
    return { databaseUrl: databaseUrl(postgres, db) };
  }
  return { dataDir: join(dataDir, name) };
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
async function buildConsole(): Promise<void> {
  const index = join(ROOT, 'apps/web/dist/index.html');
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

function checkPorts(): void {
  const problems = [basePort, ...federation.partners.map(portOf)].map(refusedPort).filter(Boolean);
  if (problems.length > 0) throw new StartFailure(problems.join('\n'));
}

function waitFor(service: ServiceProcess): Promise<void> {
  return waitHealthy(service, {
    timeoutMs: startTimeoutMs,
    onSlow: (s) => {
      const last = lastLogLines(service, 1).trim();
      const said = last ? `; its last line: ${last.slice(0, 160)}` : '';
      say(`still waiting for ${service.name} after ${s}s (log: ${service.logFile})${said}`);
    },
  });
}

async function startNodeProcess(
  p: PartnerSpec,
  state: ReturnType<typeof loadState>,
  cleanroomUrl: string,
): Promise<ServiceProcess> {
  state.nodeSecrets[p.key] ??= randomBytes(32).toString('base64url');
  // Each node gets the configuration file a company would write with `concord node init`.
  const config = join(dataDir, `${p.key}.node.json`);
  const settings = {
    name: p.name,
    industry: p.industry,
    defaultRegion: regions[p.key] ?? p.region,
    port: portOf(p),
    cleanroomUrl,
    cleanroomCredentialFile: join(dataDir, `${p.key}.credential`),
    ...(await storage(p.key)),
    ...(webDir ? { webDir } : {}),
  };
  writeFileSync(config, `${JSON.stringify(settings, null, 2)}\n`);
  const profile = seed ? seedProfile(p) : undefined;
  const node = spawnService({
    name: p.key,
    entry: 'apps/node/src/main.ts',
    args: ['--config', config, ...(profile ? ['--seed', profile] : [])],
    env: { CONCORD_NODE_SECRET: state.nodeSecrets[p.key] },
    url: `http://127.0.0.1:${portOf(p)}`,
    cwd: ROOT,
    logDir,
    // The one-time setup code belongs on this terminal, not in the log file.
    privatePrefix: FIRST_RUN_MARKER,
    onPrivateLine: (line) => {
      firstRun[p.key] = [...(firstRun[p.key] ?? []), line];
    },
  });
  services.push(node);
  return node;
}

async function main(): Promise<void> {
  checkPorts();
  const state = loadState(dataDir);
  saveState(dataDir, state);
  const consoleBuilt = webDir ? buildConsole() : Promise.resolve();
  // Awaited (and reported) once the services are up; until then a failure must not count as unhandled.
  consoleBuilt.catch(() => {});
  const cleanroomUrl = `http://127.0.0.1:${basePort}`;
  const crStorage = await storage('cleanroom');
  const cleanroom = spawnService({
    name: 'cleanroom',
    entry: 'apps/cleanroom/src/main.ts',
    args: [
      '--port',
      String(basePort),
      ...('databaseUrl' in crStorage
        ? ['--database-url', crStorage.databaseUrl]
        : ['--data-dir', crStorage.dataDir]),
    ],
    env: { CONCORD_OPERATOR_TOKEN: state.operatorToken },
    url: cleanroomUrl,
    cwd: ROOT,
    logDir,
  });
  services.push(cleanroom);

  // Nodes start beside the clean room: they only need it once they publish, and seeding is the long part.
  const nodes: ServiceProcess[] = [];
  for (const p of federation.partners) nodes.push(await startNodeProcess(p, state, cleanroomUrl));
  saveState(dataDir, state);
  await waitFor(cleanroom);
  await Promise.all(nodes.map(waitFor));

  // The demo registers its partners itself (operator + node key, credential file). Without the seed the nodes
  // stay unregistered: docs/deployment.md joins them with invitations, as separate companies would.
  const pending = federation.partners.flatMap((spec, i) =>
    state.partners[spec.key] || !seed ? [] : [{ spec, url: nodes[i]?.url ?? '' }],
  );
  if (pending.length > 0) {
    say(`registering ${pending.map((p) => p.spec.name).join(', ')} at the clean room…`);
    await registerPartners(cleanroomUrl, state, pending);
    saveState(dataDir, state);
  }
  for (const p of federation.partners) {
    const credential = state.partners[p.key]?.credential;
    if (credential) writeFileSync(join(dataDir, `${p.key}.credential`), `${credential}\n`, { mode: 0o600 });
  }
  writeTargets(cleanroomUrl, nodes);
  const tryFirst = seed ? await demoHeadStart(state, nodes) : undefined;

  await consoleBuilt;
  say(
    banner({
      federation,
      seconds: ((Date.now() - t0) / 1000).toFixed(1),
      storage: postgres ? `Postgres at ${new URL(postgres).host}` : `PGlite in ${dataDir}`,
      dataDir,
      cleanroomUrl,
      nodeUrls: nodes.map((n) => n.url),
      consoleBuilt: Boolean(webDir),
      seeded: seed,
      firstRun,
      tryFirst,
    }),
  );
  say(`\nLogs in ${logDir}. Press Ctrl-C to stop.`);

  // If any service dies, say which and stop the rest rather than leaving a half-federation running.
  void Promise.race(services.map((s) => s.exited.then((code) => ({ s, code })))).then(async ({ s, code }) => {
    if (stopping) return;
    say(
      `\n${s.name} stopped unexpectedly (exit ${code}); last log lines:\n${lastLogLines(s)}\nStopping the federation.`,
    );
    await shutdown(1);
  });
}

/**
 * First seeded run: an approved insurer × bank collaboration with both sides published, so the first match in
 * the console works in one click. Skipped when the federation has no seeded insurer and bank.
 */
async function demoHeadStart(state: ReturnType<typeof loadState>, nodes: ServiceProcess[]) {
  const at = (profile: string) => federation.partners.findIndex((p) => seedProfile(p) === profile);
  const [requester, partner] = [at('insurer'), at('bank')];
  const spec = (i: number) => ({ url: nodes[i]?.url ?? '', partner: federation.partners[i] as PartnerSpec });
  if (requester < 0 || partner < 0) return undefined;
  if (!state.seeded.collaboration) {
    say('preparing the demo: an approved collaboration with both sides published…');
    await startDemoCollaboration(spec(requester), spec(partner));
    state.seeded.collaboration = true;
    saveState(dataDir, state);
  }
  return federation.partners[requester];
}

/** Where the CLI finds each node by key (`concord … --node bank`) and the clean room, after `pnpm start`. */
function writeTargets(cleanroomUrl: string, nodes: ServiceProcess[]): void {
  const targets = {
    cleanroom: cleanroomUrl,
    nodes: Object.fromEntries(
      federation.partners.map((p, i) => [p.key, { name: p.name, url: nodes[i]?.url }]),
    ),
  };
  writeFileSync(join(dataDir, 'nodes.json'), `${JSON.stringify(targets, null, 2)}\n`);
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
  for (const line of (error as Error).message.split('\n')) process.stderr.write(`concord start: ${line}\n`);
  await shutdown(1);
});
