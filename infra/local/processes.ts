// Starts services as child processes with their logs in files, waits for /healthz, and stops them together.
// When a service does not come up, says why: it exited (with its last line), its port is refused by the HTTP
// client (fetch's "bad ports"), or it is still starting — never a bare "did not become healthy".
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  logFile: string;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  /** The last lines the service wrote on stderr (its one-line startup error, if it failed). */
  lastStderr(): string;
}

export interface SpawnOptions {
  name: string;
  entry: string;
  args: string[];
  env?: Record<string, string | undefined>;
  url: string;
  cwd: string;
  logDir: string;
  /** Lines starting with this go to `onPrivateLine` instead of the log file (a node's one-time setup code). */
  privatePrefix?: string;
  onPrivateLine?: (line: string) => void;
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
  let stderrTail = '';
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (opts.privatePrefix && line.startsWith(opts.privatePrefix)) opts.onPrivateLine?.(line);
      else log.write(`${line}\n`);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
    log.write(chunk);
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      if (pending) log.write(pending);
      log.end();
      resolve(code);
    });
  });
  return { name: opts.name, url: opts.url, child, logFile, exited, lastStderr: () => stderrTail };
}

/** The last line a service printed on stderr (its one-line startup error, if it failed). */
export function lastErrorLine(service: ServiceProcess): string {
  return service.lastStderr().trim().split('\n').at(-1) ?? '';
}

/** The last `n` lines of a service's log file, for a failure report. */
export function lastLogLines(service: ServiceProcess, n = 8): string {
  if (!existsSync(service.logFile)) return '';
  const lines = readFileSync(service.logFile, 'utf8').trimEnd().split('\n').slice(-n);
  return lines.map((l) => `    ${l.length > 300 ? `${l.slice(0, 300)}…` : l}`).join('\n');
}

/** Ports the Fetch standard forbids ("bad ports"): Node's fetch and every browser refuse to connect to them. */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** Why a port cannot serve a console, or null: fetch (Node's and the browsers') refuses "bad ports". */
export function refusedPort(port: number): string | null {
  return BAD_PORTS.has(port)
    ? `port ${port} is on the Fetch standard's "bad ports" list: Node's HTTP client and every browser refuse to connect to it; choose another (e.g. --base-port ${port + 100})`
    : null;
}

export class StartFailure extends Error {}

export interface WaitOptions {
  /** Give up after this long; 0 (default) waits as long as the process runs. */
  timeoutMs?: number;
  /** Called every `noteEveryMs` while waiting, with how long it has been. */
  onSlow?: (seconds: number) => void;
  noteEveryMs?: number;
}

function isBadPortError(error: unknown): boolean {
  const cause = (error as { cause?: { message?: string } })?.cause;
  return cause?.message === 'bad port';
}

/** Polls /healthz until it answers ok or the process exits (or the optional deadline passes). */
export async function waitHealthy(service: ServiceProcess, opts: WaitOptions = {}): Promise<void> {
  const started = Date.now();
  const { timeoutMs = 0, noteEveryMs = 30_000 } = opts;
  let exitCode: number | null | undefined;
  void service.exited.then((code) => {
    exitCode = code;
  });
  let nextNote = started + noteEveryMs;
  for (;;) {
    if (exitCode !== undefined) {
      const why = lastErrorLine(service) || 'no error line';
      throw new StartFailure(
        `${service.name} exited (${exitCode}): ${why}\n  last log lines (${service.logFile}):\n${lastLogLines(service)}`,
      );
    }
    try {
      const res = await fetch(`${service.url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok && ((await res.json()) as { ok?: boolean }).ok) return;
    } catch (error) {
      if (isBadPortError(error))
        throw new StartFailure(`${service.name}: ${refusedPort(Number(new URL(service.url).port))}`);
    }
    const now = Date.now();
    if (timeoutMs > 0 && now - started > timeoutMs) {
      throw new StartFailure(
        `${service.name} is still starting after ${timeoutMs / 1000}s (--start-timeout)\n  last log lines (${service.logFile}):\n${lastLogLines(service)}`,
      );
    }
    if (now >= nextNote) {
      opts.onSlow?.(Math.round((now - started) / 1000));
      nextNote = now + noteEveryMs;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
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
