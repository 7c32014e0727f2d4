import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { fileParallelism: false, testTimeout: 240_000, hookTimeout: 60_000 },
});
