// Messages between the bulk pool (main thread) and its workers.
import type { BatchTokenizerConfig } from './batch.ts';

/** Passed once as `workerData`. */
export type WorkerInit = BatchTokenizerConfig;

export interface BatchRequest {
  readonly id: number;
  readonly typeCodes: Uint8Array;
  readonly values: readonly unknown[];
}

export type WorkerReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly tokens: Uint8Array;
      readonly status: Uint8Array;
      readonly invalidCounts: Uint32Array;
    }
  | { readonly id: number; readonly ok: false; readonly error: string };
