import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Opening PGlite (a WASM Postgres) takes seconds on a loaded 2-core machine.
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
