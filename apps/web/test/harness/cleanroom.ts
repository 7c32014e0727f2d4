// The clean room as its own process (the operator's machine), on in-memory PGlite, optionally serving the
// operator console from the console build (--web-dir).
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface CleanroomProcess {
  url: string;
  process: ChildProcess;
  stop(): void;
}

export async function startCleanroomProcess(opts: {
  operatorToken: string;
  webDir?: string;
}): Promise<CleanroomProcess> {
  const args = ['--import', 'tsx', 'src/main.ts', '--port', '0', '--operator-token', opts.operatorToken];
  args.push('--data-dir', 'memory://', ...(opts.webDir ? ['--web-dir', opts.webDir] : []));
  const child = spawn(process.execPath, args, {
    cwd: resolve(import.meta.dirname, '../../../cleanroom'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    const entry = line.startsWith('{') ? (JSON.parse(line) as { url?: string; msg?: string }) : {};
    if (entry.url && entry.msg?.includes('listening')) {
      // Keep draining its log so the child never blocks on a full pipe.
      child.stdout!.resume();
      return { url: entry.url, process: child, stop: () => void child.kill('SIGTERM') };
    }
  }
  throw new Error('the clean room exited before listening');
}
