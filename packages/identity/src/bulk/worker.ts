// Bulk worker thread: tokenizes the batches the pool sends, replying with transferable buffers.
import { parentPort, workerData } from 'node:worker_threads';
import { createBatchTokenizer } from './batch.ts';
import type { BatchRequest, WorkerInit, WorkerReply } from './protocol.ts';

const port = parentPort;
if (port === null) throw new Error('bulk worker must run in a worker thread');
const tokenizeBatch = createBatchTokenizer(workerData as WorkerInit);

port.on('message', (request: BatchRequest) => {
  let reply: WorkerReply;
  try {
    const out = tokenizeBatch(request.typeCodes, request.values);
    reply = {
      id: request.id,
      ok: true,
      tokens: out.tokens,
      status: out.status,
      invalidCounts: out.invalidCounts,
    };
    port.postMessage(reply, [
      out.tokens.buffer,
      out.status.buffer,
      out.invalidCounts.buffer,
    ] as ArrayBuffer[]);
  } catch (error) {
    reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
  }
});
