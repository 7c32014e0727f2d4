// Starts a worker thread from a TypeScript entry module: bundled once with esbuild, run as plain JS.
//
// Why bundle: this package ships TypeScript source. On Node 20, tsx's loader hooks do not reach
// worker threads; registering them inside each worker works but costs a hooks thread (~18 MB) and a
// TypeScript compile per worker, and tsx's CommonJS hook runs ESM-only dependencies (@noble/hashes)
// ~6x slower. One esbuild bundle per entry (~0.1 s) gives self-contained, fast workers that start
// the same way under node, tsx and vitest.
import { fileURLToPath } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';

const bundles = new Map<string, string>();

function bundle(entry: URL): string {
  let code = bundles.get(entry.href);
  if (code === undefined) {
    const result = buildSync({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    code = (result.outputFiles[0] as { text: string }).text;
    bundles.set(entry.href, code);
  }
  return code;
}

/**
 * Young-generation cap per worker: batch garbage is short-lived, and a small nursery keeps each
 * worker's footprint flat instead of letting V8 grow it while millions of records stream through.
 */
const WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 8 };

export function spawnTsWorker(entry: URL, workerData: unknown): Worker {
  return new Worker(bundle(entry), { eval: true, workerData, resourceLimits: WORKER_LIMITS });
}
