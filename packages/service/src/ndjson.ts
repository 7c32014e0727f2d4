// Streaming NDJSON replies (one JSON object per line) for long uploads that report progress as they go.
import type { ServerResponse } from 'node:http';

/**
 * Answers 200 with `application/x-ndjson`, lets `work` send lines as it goes, then ends the reply.
 * The status is sent before the work starts, so a failure can only be told in the body: a throw from
 * `work` becomes one last line made by `onError` (which is also the place to log it).
 */
export async function streamNdjson<E>(
  res: ServerResponse,
  work: (send: (event: E) => void) => Promise<void>,
  onError: (error: unknown) => E,
): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
  res.flushHeaders();
  const send = (event: E) => {
    res.write(`${JSON.stringify(event)}\n`);
  };
  try {
    await work(send);
  } catch (error) {
    send(onError(error));
  }
  res.end();
}
