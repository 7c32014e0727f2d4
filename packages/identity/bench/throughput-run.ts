// One throughput measurement in a fresh process: `ours` (normalize + tokenize) or `bare` (HMAC only).
// Prints one JSON line. Run by bench/identity.ts; fresh processes keep peak RSS figures honest.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { createBulkTokenizer, type RecordBatch } from '../src/bulk/index.ts';
import { WorkerPool } from '../src/bulk/pool.ts';
import { deriveTokenKey } from '../src/crypto/token.ts';
import type { IdType } from '../src/id-types.ts';
import { createNormalizer } from '../src/normalize.ts';
import { generatePeople, JUNK, rng, writeEmail, writePhone } from './dataset.ts';

const { values: args } = parseArgs({
  options: {
    kind: { type: 'string' },
    records: { type: 'string', default: '1000000' },
    workers: { type: 'string', default: String(availableParallelism()) },
    batch: { type: 'string', default: '8192' },
    pool: { type: 'string', default: '50000' },
  },
});
const kind = args.kind;
if (kind !== 'ours' && kind !== 'bare') throw new Error('--kind must be ours or bare');
const total = Number(args.records);
const workers = Number(args.workers);
const batchSize = Number(args.batch);
const poolSize = Number(args.pool);
const REGION = 'US';
const secret = new Uint8Array(32).map((_, i) => i * 7 + 1);

// A pool of distinct noisy records, cycled to reach `total` (kept small so it does not dominate memory).
// Half emails, half phones, 1% junk; `normalized` is what the bare loop hashes (junk is hashed as is).
const people = generatePeople(poolSize / 2, 42);
const r = rng(7);
const types: IdType[] = [];
const raws: string[] = [];
const normalized: string[] = [];
const normalize = createNormalizer('concord-v1', { defaultRegion: REGION });
for (let i = 0; i < poolSize; i++) {
  const person = people[i >> 1] ?? (people[0] as (typeof people)[number]);
  const type: IdType = i % 2 === 0 ? 'email' : 'phone';
  const raw =
    r() < 0.01
      ? (JUNK[Math.floor(r() * JUNK.length)] as string)
      : type === 'email'
        ? writeEmail(r, person)
        : writePhone(r, person, REGION);
  const result = normalize(type, raw);
  types.push(type);
  raws.push(raw);
  normalized.push(result.ok ? result.value : raw);
}

function* batches(values: readonly string[]): Generator<RecordBatch> {
  for (let start = 0; start < total; ) {
    const from = start % poolSize;
    const n = Math.min(batchSize, total - start, poolSize - from);
    yield { idType: types.slice(from, from + n), values: values.slice(from, from + n) };
    start += n;
  }
}

const typeCode = (t: IdType) => (t === 'email' ? 0 : 1);
// Process size before any tokenizer exists (runtime, tsx, this harness and its dataset pool).
const rssBeforeMB = process.memoryUsage().rss / 1024 / 1024;
let processed = 0;
let valid = 0;
let seconds: number;
if (kind === 'ours') {
  const bulk = createBulkTokenizer({
    profile: 'concord-v1',
    defaultRegion: REGION,
    collaborationSecret: secret,
    workers,
  });
  // Warm-up: worker start (bundling, module load) is not part of the steady-state rate.
  const warmUp: RecordBatch[] = Array.from({ length: workers }, () => ({
    idType: 'email',
    values: ['warm@up.example'],
  }));
  for await (const _ of bulk.tokenize(warmUp)) void _;
  const started = performance.now();
  const run = bulk.tokenize(batches(raws));
  for (;;) {
    const next = await run.next();
    if (next.done === true) {
      valid = next.value.valid;
      break;
    }
    processed += next.value.count;
  }
  seconds = (performance.now() - started) / 1000;
  await bulk.close();
} else {
  const keys = { email: deriveTokenKey(secret, 'email'), phone: deriveTokenKey(secret, 'phone') };
  const pool = new WorkerPool(new URL('./bare-worker.ts', import.meta.url), workers, { keys });
  await Promise.all(Array.from({ length: workers }, () => pool.run(new Uint8Array(1), ['warm@up.example'])));
  const started = performance.now();
  // Same read-ahead window and the same per-batch main-thread work as the bulk tokenizer.
  const window = workers * 2;
  const queue: Promise<{ count: number }>[] = [];
  for (const batch of batches(normalized)) {
    const idTypes = batch.idType as readonly IdType[];
    const codes = new Uint8Array(idTypes.length);
    for (let i = 0; i < codes.length; i++) codes[i] = typeCode(idTypes[i] as IdType);
    const count = codes.length;
    queue.push(pool.run(codes, batch.values).then(() => ({ count })));
    if (queue.length >= window) processed += (await (queue.shift() as Promise<{ count: number }>)).count;
  }
  for (const job of queue) processed += (await job).count;
  valid = processed;
  seconds = (performance.now() - started) / 1000;
  await pool.close();
}

const peakRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ kind, records: processed, valid, workers, batchSize, seconds, recordsPerSecond: processed / seconds, rssBeforeMB, peakRssMB })}\n`,
);
