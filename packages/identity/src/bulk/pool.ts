// A fixed set of tokenizer workers: least-loaded dispatch, one promise per batch, fail-fast on crash.
import type { Worker } from 'node:worker_threads';
import type { BatchRequest, WorkerReply } from './protocol.ts';
import { spawnTsWorker } from './spawn.ts';

export interface BatchResult {
  readonly tokens: Uint8Array;
  readonly status: Uint8Array;
  readonly invalidCounts: Uint32Array;
}

interface Slot {
  readonly worker: Worker;
  outstanding: number;
}

interface Pending {
  readonly slot: Slot;
  readonly resolve: (result: BatchResult) => void;
  readonly reject: (error: Error) => void;
}

export class WorkerPool {
  readonly #slots: Slot[];
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #failure: Error | undefined;
  #closing = false;

  /**
   * @param entry worker module speaking the protocol in protocol.ts (the benchmark's bare HMAC
   *   baseline reuses this pool with its own entry, so both measure the same transport).
   */
  constructor(entry: URL, size: number, init: unknown) {
    this.#slots = Array.from({ length: size }, () => {
      const slot: Slot = { worker: spawnTsWorker(entry, init), outstanding: 0 };
      // Idle workers must not keep the process alive; a worker with work in flight must.
      slot.worker.unref();
      slot.worker.on('message', (reply: WorkerReply) => this.#onReply(reply));
      slot.worker.on('error', (error) => this.#fail(error));
      slot.worker.on('exit', (code) => {
        if (!this.#closing) this.#fail(new Error(`bulk tokenizer worker exited with code ${code}`));
      });
      return slot;
    });
  }

  get size(): number {
    return this.#slots.length;
  }

  run(typeCodes: Uint8Array, values: readonly unknown[]): Promise<BatchResult> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    if (this.#closing) return Promise.reject(new Error('bulk tokenizer is closed'));
    let slot = this.#slots[0] as Slot;
    for (const candidate of this.#slots) if (candidate.outstanding < slot.outstanding) slot = candidate;
    const id = this.#nextId++;
    const request: BatchRequest = { id, typeCodes, values };
    return new Promise<BatchResult>((resolve, reject) => {
      this.#pending.set(id, { slot, resolve, reject });
      if (slot.outstanding++ === 0) slot.worker.ref();
      slot.worker.postMessage(request, [typeCodes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.#closing = true;
    this.#rejectAll(new Error('bulk tokenizer is closed'));
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  #onReply(reply: WorkerReply): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (--pending.slot.outstanding === 0) pending.slot.worker.unref();
    if (reply.ok) pending.resolve(reply);
    else pending.reject(new Error(`bulk tokenizer worker failed: "${reply.error}"`));
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#rejectAll(error);
  }

  #rejectAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    for (const slot of this.#slots) {
      if (slot.outstanding > 0) slot.worker.unref();
      slot.outstanding = 0;
    }
  }
}
