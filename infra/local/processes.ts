// Starts services as child processes with their logs in files, waits for /healthz, and stops them together.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  logFile: string;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
}

export interface SpawnOptions {
  name: string;
  entry: string;
  args: string[];
  env?: Record<string, string | undefined>;
  url: string;
  cwd: string;
  logDir: string;
}

/** Spawns `node --import tsx <entry> ...args`; stdout/stderr go to <logDir>/<name>.log. */
export function spawnService(opts: SpawnOptions): ServiceProcess {
  mkdirSync(opts.logDir, { recursive: true });
  const logFile = join(opts.logDir, `${opts.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', opts.entry, ...opts.args], {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lastStderr = '';
  child.stdout?.pipe(log, { end: false });
  child.stderr?.on('data', (chunk: Buffer) => {
    lastStderr = (lastStderr + chunk.toString()).slice(-2000);
    log.write(chunk);
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      log.end();
      resolve(code);
    });
  });
  const service: ServiceProcess = { name: opts.name, url: opts.url, child, logFile, exited };
  Object.defineProperty(service, 'lastStderr', { get: () => lastStderr });
  return service;
}

/** The last line a service printed on stderr (its one-line startup error, if it failed). */
export function lastErrorLine(service: ServiceProcess): string {
  const text = (service as unknown as { lastStderr: string }).lastStderr.trim();
  return text.split('\n').at(-1) ?? '';
}

/**
 * Polls /healthz until it answers ok or the process exits. There is no deadline unless `timeoutMs` is given
 * (`--start-timeout`): a busy machine is slow, not broken, so the launcher says it is still waiting instead of
 * giving up, and a real failure shows up as the process's own exit line.
 */
export async function waitHealthy(
  service: ServiceProcess,
  opts: { timeoutMs?: number; note?: (line: string) => void } = {},
): Promise<void> {
  const started = Date.now();
  const deadline = opts.timeoutMs ? started + opts.timeoutMs : Number.POSITIVE_INFINITY;
  let nextNote = started + 30_000;
  let exitCode: number | null | undefined;
  void service.exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(
        `${service.name} exited (${exitCode}): ${lastErrorLine(service) || `see ${service.logFile}`}`,
      );
    }
    try {
      const res = await fetch(`${service.url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok && ((await res.json()) as { ok?: boolean }).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() >= nextNote) {
      const waited = Math.round((Date.now() - started) / 1000);
      opts.note?.(`still waiting for ${service.name} after ${waited}s (log: ${service.logFile})`);
      nextNote += 30_000;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${service.name} did not become healthy within ${(opts.timeoutMs ?? 0) / 1000}s (see ${service.logFile})`,
  );
}

/** Sends SIGTERM to every service, then SIGKILL to any still running after a grace period. */
export async function stopAll(services: ServiceProcess[], graceMs = 5000): Promise<void> {
  for (const s of services) if (s.child.exitCode === null) s.child.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const s of services) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  }, graceMs);
  await Promise.all(services.map((s) => (s.child.exitCode === null ? s.exited : null)));
  clearTimeout(timer);
}
