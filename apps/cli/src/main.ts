#!/usr/bin/env -S npx tsx
// Entry point of `concord` (`pnpm concord …` from the repository root).
import { GROUPS } from './commands/index.ts';
import { dispatch } from './framework.ts';

const code = await dispatch(GROUPS, process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
process.exitCode = code;
