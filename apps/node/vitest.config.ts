import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each file gets its own database; files run one at a time so 2 cores are not oversubscribed by servers.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
