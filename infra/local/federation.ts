// `pnpm start`: runs a local federation — the clean room, the partner nodes and their consoles — until Ctrl-C.
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { banner } from './banner.ts';
import { buildConsole } from './console-build.ts';
import { startDemoCollaboration } from './demo.ts';
import { startFlags } from './flags.ts';
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

const flags = startFlags();

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

/** The console's build output, served by every node; undefined with --no-web or without apps/web. */
const webDir =
  flags['no-web'] || !existsSync(join(ROOT, 'apps/web/package.json'))
    ? undefined
    : join(ROOT, 'apps/web/dist');

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
  const consoleBuilt = webDir ? buildConsole(ROOT, say) : Promise.resolve();
  // Awaited (and reported) once the services are up; until then a failure must not count as unhandled.
  consoleBuilt.catch(() => {});
  const cleanroomUrl = `http://127.0.0.1:${basePort}`;
  const cleanroom = await startCleanroomProcess(state, cleanroomUrl);

  // Nodes start beside the clean room: they only need it once they publish, and seeding is the long part.
  const nodes: ServiceProcess[] = [];
  for (const p of federation.partners) nodes.push(await startNodeProcess(p, state, cleanroomUrl));
  saveState(dataDir, state);
  await waitFor(cleanroom);
  await Promise.all(nodes.map(waitFor));

  await registerSeeded(state, cleanroomUrl, nodes);
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
  stopAllWhenOneDies();
}

async function startCleanroomProcess(
  state: ReturnType<typeof loadState>,
  cleanroomUrl: string,
): Promise<ServiceProcess> {
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
      // The operator console (the same build, entered through operator.html).
      ...(webDir ? ['--web-dir', webDir] : []),
    ],
    env: { CONCORD_OPERATOR_TOKEN: state.operatorToken },
    url: cleanroomUrl,
    cwd: ROOT,
    logDir,
  });
  services.push(cleanroom);
  return cleanroom;
}

/**
 * The demo registers its partners itself (operator + node key, credential file). Without the seed the nodes
 * stay unregistered: docs/deployment.md joins them with invitations, as separate companies would.
 */
async function registerSeeded(
  state: ReturnType<typeof loadState>,
  cleanroomUrl: string,
  nodes: ServiceProcess[],
): Promise<void> {
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
}

/** If any service dies, say which and stop the rest rather than leaving a half-federation running. */
function stopAllWhenOneDies(): void {
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
