import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Generous limits: CI runs two packages at once on 2 cores; speed is measured in benches, not here.
  test: { testTimeout: 30_000, hookTimeout: 30_000 },
});
