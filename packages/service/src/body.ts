// Request bodies with a size cap: read whole (JSON) or streamed (uploads); past the cap the server stops reading.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConcordError } from '@concord/protocol/errors';

/** The declared Content-Length, or undefined when the body is chunked (or the header is garbage). */
export function declaredLength(req: IncomingMessage): number | undefined {
  const raw = req.headers['content-length'];
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

export function tooLarge(limit: number): ConcordError {
  return new ConcordError('PAYLOAD_TOO_LARGE', `the request body is larger than ${limit} bytes`, { limit });
}

/** How long a refused connection lingers after the reply before it is cut. */
const LINGER_MS = 2000;

/**
 * After a refusal the rest of the body is not read: the reply says `connection: close`, and the connection is
 * half-closed once the reply is out, then cut shortly after. Node closes a `connection: close` reply with
 * `socket.destroySoon()`, which cuts at once; with unread bytes in the socket the kernel then answers with a
 * reset that can destroy the reply before the client has read it. Hence the lingering close below.
 */
export function closeAfterReply(req: IncomingMessage, res: ServerResponse): void {
  req.pause();
  const socket = req.socket;
  socket.destroySoon = () => {
    if (socket.writable) socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  if (!res.headersSent) res.setHeader('connection', 'close');
  else if (res.writableFinished) socket.destroySoon();
  else res.once('finish', () => socket.destroySoon());
}

/**
 * Reads the whole body when it is at most `limit` bytes. A Content-Length above the cap is refused before a
 * byte is read; a chunked body is refused as soon as it passes the cap. Either way the caller gets a
 * PAYLOAD_TOO_LARGE error and only `limit` bytes were ever held in memory.
 */
export function readBodyCapped(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Passes a streamed upload through, failing with PAYLOAD_TOO_LARGE once more than `limit` bytes arrived. */
export async function* capStream<T extends Buffer | Uint8Array | string>(
  source: AsyncIterable<T>,
  limit: number,
): AsyncGenerator<T> {
  let size = 0;
  for await (const chunk of source) {
    size += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (size > limit) throw tooLarge(limit);
    yield chunk;
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a body as UTF-8, refusing invalid sequences with BAD_INPUT instead of replacing them silently. */
export function decodeUtf8(body: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(body);
  } catch {
    throw new ConcordError('BAD_INPUT', 'the request body is not valid UTF-8');
  }
}
