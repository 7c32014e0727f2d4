import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each file gets its own database; files run one at a time so 2 cores are not oversubscribed by servers.
    fileParallelism: false,
    // Timeouts only catch hangs: they are sized for a loaded 2-core CI machine, and no result depends on them.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
