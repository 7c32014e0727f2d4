// Vitest settings for @concord/identity.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests and worker start-up can be slow on a busy 2-core machine; no test asserts timing.
    testTimeout: 30_000,
  },
});
