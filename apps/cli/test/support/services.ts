// Starts Concord services as separate processes, the way an operator runs them (`node --import tsx …/main.ts`),
// and reads what they print: the JSON "listening" log line and a node's first-run setup lines.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr lines). */
  lines: string[];
  /** Resolves with the first line matching `pattern`; rejects if the process exits first. */
  waitForLine(pattern: RegExp): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

export function spawnService(entry: string, args: string[], env: NodeJS.ProcessEnv = {}): ServiceProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void; reject: (e: Error) => void }[] =
    [];
  const onLine = (line: string) => {
    lines.push(line);
    for (const w of [...waiters]) {
      const match = line.match(w.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(match);
      }
    }
  };
  createInterface({ input: child.stdout! }).on('line', onLine);
  createInterface({ input: child.stderr! }).on('line', onLine);
  child.once('exit', (code) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`${entry} exited (${code}):\n${lines.join('\n')}`));
  });
  return {
    child,
    lines,
    waitForLine: (pattern) => {
      for (const line of lines) {
        const match = line.match(pattern);
        if (match) return Promise.resolve(match);
      }
      if (child.exitCode !== null)
        return Promise.reject(new Error(`${entry} already exited:\n${lines.join('\n')}`));
      return new Promise((resolve, reject) => waiters.push({ pattern, resolve, reject }));
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The URL in a service's `… listening` JSON log line. */
export async function listeningUrl(service: ServiceProcess): Promise<string> {
  const match = await service.waitForLine(/"msg":"[^"]*listening"/);
  return (JSON.parse(match.input ?? '{}') as { url: string }).url;
}
