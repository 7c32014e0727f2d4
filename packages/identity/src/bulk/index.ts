// @concord/identity/bulk: streaming normalize + tokenize of millions of records on every core.
import { availableParallelism } from 'node:os';
import { assertBytes, assertIdType, assertProfileName, assertTokenMode } from '../assert.ts';
import { deriveTokenKeys } from '../crypto/token.ts';
import type { IdType } from '../id-types.ts';
import { REASON_CODES, type ReasonCode, reasonAt } from '../reasons.ts';
import { resolveRegion } from '../region.ts';
import type { ProfileName, TokenMode } from '../types.ts';
import { createBatchTokenizer, ID_TYPE_CODES, type TokenBatch } from './batch.ts';
import { WorkerPool } from './pool.ts';
import type { WorkerInit } from './protocol.ts';

export {
  type BatchTokenizer,
  type BatchTokenizerConfig,
  createBatchTokenizer,
  type TokenBatch,
} from './batch.ts';

/** Largest accepted input batch; bounds the memory one batch can pin. */
export const MAX_BATCH_RECORDS = 65_536;

export interface BulkTokenizerOptions {
  readonly profile: ProfileName;
  readonly defaultRegion?: string;
  /** Defaults to `hmac`, which needs `collaborationSecret`. */
  readonly mode?: TokenMode;
  readonly collaborationSecret?: Uint8Array;
  /** Worker threads; defaults to every core (`os.availableParallelism()`). */
  readonly workers?: number;
  /** Batches queued or unread at once, per worker (default 2); with the batch size, bounds memory. */
  readonly batchesInFlightPerWorker?: number;
}

/** Input: raw values and their id type (one for the batch, or one per value). */
export interface RecordBatch {
  readonly idType: IdType | readonly IdType[];
  readonly values: readonly unknown[];
}

export interface BulkSummary {
  readonly records: number;
  readonly valid: number;
  /** Invalid records per reason code (every code present, zeros included). */
  readonly invalid: Readonly<Record<ReasonCode, number>>;
}

export interface BulkTokenizer {
  /**
   * Tokenizes batches as they come, yielding one `TokenBatch` per input batch, in input order.
   * Reads ahead at most `workers × batchesInFlightPerWorker` batches. Returns this run's summary.
   */
  tokenize(
    source: AsyncIterable<RecordBatch> | Iterable<RecordBatch>,
  ): AsyncGenerator<TokenBatch, BulkSummary>;
  /** Stops the workers. Pending batches are rejected. */
  close(): Promise<void>;
}

/** Reason of a record from its status byte, or undefined for a valid record. */
export function statusReason(status: number): ReasonCode | undefined {
  return status === 0 ? undefined : reasonAt(status - 1);
}

function typeCodesOf(batch: RecordBatch): Uint8Array {
  const { idType, values } = batch;
  if (!Array.isArray(values)) throw new TypeError('RecordBatch.values must be an array');
  if (values.length > MAX_BATCH_RECORDS) {
    throw new RangeError(`RecordBatch has ${values.length} records; the maximum is ${MAX_BATCH_RECORDS}`);
  }
  const codes = new Uint8Array(values.length);
  if (typeof idType === 'string') {
    assertIdType(idType);
    codes.fill(ID_TYPE_CODES.indexOf(idType));
    return codes;
  }
  if (!Array.isArray(idType) || idType.length !== values.length) {
    throw new TypeError('RecordBatch.idType must be an id type or an array as long as values');
  }
  for (let i = 0; i < codes.length; i++) {
    const type: unknown = idType[i];
    assertIdType(type);
    codes[i] = ID_TYPE_CODES.indexOf(type);
  }
  return codes;
}

function emptyCounts(): Record<ReasonCode, number> {
  return Object.fromEntries(REASON_CODES.map((code) => [code, 0])) as Record<ReasonCode, number>;
}

type RunningSummary = { -readonly [K in keyof BulkSummary]: BulkSummary[K] } & {
  invalid: Record<ReasonCode, number>;
};

export function createBulkTokenizer(options: BulkTokenizerOptions): BulkTokenizer {
  const init = workerInit(options);
  const { workers, perWorker } = poolSize(options);
  // Validate the whole configuration in this thread before starting any worker.
  createBatchTokenizer(init);
  const pool = new WorkerPool(new URL('./worker.ts', import.meta.url), workers, init);
  const window = workers * perWorker;
  let running = false;

  async function* tokenize(
    source: AsyncIterable<RecordBatch> | Iterable<RecordBatch>,
  ): AsyncGenerator<TokenBatch, BulkSummary> {
    if (running) throw new Error('tokenize() is already running on this tokenizer');
    running = true;
    const summary: RunningSummary = { records: 0, valid: 0, invalid: emptyCounts() };
    const iterator =
      Symbol.asyncIterator in source
        ? (source as AsyncIterable<RecordBatch>)[Symbol.asyncIterator]()
        : (source as Iterable<RecordBatch>)[Symbol.iterator]();
    const queue: Promise<TokenBatch>[] = [];
    let exhausted = false;
    try {
      for (;;) {
        while (!exhausted && queue.length < window) {
          const next = await iterator.next();
          if (next.done === true) {
            exhausted = true;
            break;
          }
          queue.push(runBatch(pool, next.value));
        }
        const head = queue.shift();
        if (head === undefined) break;
        const batch = await head;
        addToSummary(summary, batch);
        yield batch;
      }
    } finally {
      running = false;
      if (!exhausted) await iterator.return?.();
    }
    return summary;
  }

  return { tokenize, close: () => pool.close() };
}

/** What each worker is started with: the derived per-type keys in `hmac` mode, never the collaboration secret. */
function workerInit(options: BulkTokenizerOptions): WorkerInit {
  assertProfileName(options.profile);
  const mode = options.mode ?? 'hmac';
  assertTokenMode(mode);
  const defaultRegion = resolveRegion(options.defaultRegion);
  let keys: Record<IdType, Uint8Array> | undefined;
  if (mode === 'hmac') {
    assertBytes(options.collaborationSecret, 'collaborationSecret');
    // Workers get the derived per-type keys only, never the collaboration secret.
    keys = deriveTokenKeys(options.collaborationSecret);
  } else if (options.collaborationSecret !== undefined) {
    throw new TypeError('sha256 mode takes no collaborationSecret');
  }
  return { profile: options.profile, defaultRegion, mode, keys };
}

function poolSize(options: BulkTokenizerOptions): { workers: number; perWorker: number } {
  const workers = options.workers ?? availableParallelism();
  const perWorker = options.batchesInFlightPerWorker ?? 2;
  if (!Number.isInteger(workers) || workers < 1 || workers > 256)
    throw new RangeError('workers must be 1..256');
  if (!Number.isInteger(perWorker) || perWorker < 1 || perWorker > 64) {
    throw new RangeError('batchesInFlightPerWorker must be 1..64');
  }
  return { workers, perWorker };
}

/** Starts one batch on the pool; it fails when awaited (in input order), not as an unhandled rejection. */
function runBatch(pool: WorkerPool, batch: RecordBatch): Promise<TokenBatch> {
  const codes = typeCodesOf(batch);
  const count = codes.length;
  const job = pool.run(codes, batch.values).then((r) => ({ count, ...r }));
  // Failures surface when this batch's turn comes; avoid an unhandled rejection meanwhile.
  job.catch(() => {});
  return job;
}

/** Adds one finished batch to the run's totals. */
function addToSummary(summary: RunningSummary, batch: TokenBatch): void {
  summary.records += batch.count;
  let batchInvalid = 0;
  batch.invalidCounts.forEach((n, i) => {
    const code = REASON_CODES[i] as ReasonCode;
    summary.invalid[code] += n;
    batchInvalid += n;
  });
  summary.valid += batch.count - batchInvalid;
}
