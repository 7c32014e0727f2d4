// Baseline worker: a plain noble HMAC-SHA256 per pre-normalized string, nothing else (the practical limit).

import { parentPort, workerData } from 'node:worker_threads';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { BatchRequest, WorkerReply } from '../src/bulk/protocol.ts';
import { REASON_CODES } from '../src/reasons.ts';

const port = parentPort;
if (port === null) throw new Error('bare worker must run in a worker thread');
const { keys } = workerData as { keys: { email: Uint8Array; phone: Uint8Array } };
const byCode = [keys.email, keys.phone];

port.on('message', (request: BatchRequest) => {
  const count = request.values.length;
  const tokens = new Uint8Array(count * 32);
  for (let i = 0; i < count; i++) {
    const key = byCode[request.typeCodes[i] as number] as Uint8Array;
    tokens.set(hmac(sha256, key, utf8ToBytes(request.values[i] as string)), i * 32);
  }
  const status = new Uint8Array(count);
  const invalidCounts = new Uint32Array(REASON_CODES.length);
  const reply: WorkerReply = { id: request.id, ok: true, tokens, status, invalidCounts };
  port.postMessage(reply, [tokens.buffer, status.buffer, invalidCounts.buffer] as ArrayBuffer[]);
});
