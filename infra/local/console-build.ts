// Building the console (apps/web) for `pnpm start` when its sources changed since the last build.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the console when its sources are newer than the last build. Runs beside the services' start-up (nodes
 * serve the dist dir at request time), so a fresh clone does not pay for the build before anything else.
 */
export async function buildConsole(root: string, say: (line: string) => void): Promise<void> {
  const index = join(root, 'apps/web/dist/index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built >= newestMtime(join(root, 'apps/web/src'))) return;
  say('building the console…');
  // Bundler chatter stays out of the way; it is shown only if the build fails.
  await new Promise<void>((done, fail) => {
    execFile('pnpm', ['--filter', '@concord/web', 'build'], { cwd: root }, (error, stdout, stderr) => {
      if (!error) return done();
      process.stderr.write(`${stdout}${stderr}`);
      fail(new Error('the console did not build (output above); `pnpm start --no-web` runs without it'));
    });
  });
}
