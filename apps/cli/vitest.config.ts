import { defineConfig } from 'vitest/config';

// Timeouts only catch hangs (each test spawns CLI processes): sized for a loaded 2-core CI machine.
export default defineConfig({ test: { testTimeout: 120_000 } });
