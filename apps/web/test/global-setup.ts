// Builds the console once per test run so every journey drives the same production bundle the node serves.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup() {
  const web = resolve(import.meta.dirname, '..');
  execFileSync(resolve(web, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], {
    cwd: web,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
