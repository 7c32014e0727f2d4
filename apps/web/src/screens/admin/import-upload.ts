// Streams a CSV to the node's upload route (POST /api/imports/:kind) and reads its NDJSON progress lines.
import { CONSOLE_HEADERS, type RouterOutputs } from '../../trpc.ts';
import type { Mapping } from './import-mapping.tsx';

export type Summary = RouterOutputs['imports']['get'];
export type Kind = 'customers' | 'purchases' | 'interactions' | 'consents';

export interface StreamEvent {
  type: 'started' | 'progress' | 'done' | 'error';
  import?: Summary;
  error?: { code: string; message: string };
}

/** Streams the file to the node's upload route and reports each NDJSON progress line. */
export async function uploadCsv(
  kind: Exclude<Kind, 'consents'>,
  file: File,
  mapping: Mapping,
  onEvent: (e: StreamEvent) => void,
): Promise<Summary> {
  const params = new URLSearchParams({ fileName: file.name });
  if (Object.keys(mapping).length > 0) params.set('mapping', JSON.stringify(mapping));
  const res = await fetch(`/api/imports/${kind}?${params}`, {
    method: 'POST',
    body: file,
    headers: { 'content-type': 'text/csv', ...CONSOLE_HEADERS },
    credentials: 'same-origin',
  });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw Object.assign(new Error(body?.error?.message ?? `upload failed (${res.status})`), {
      data: { concordCode: body?.error?.code ?? 'INTERNAL' },
    });
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let last: Summary | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      const event = JSON.parse(line) as StreamEvent;
      onEvent(event);
      if (event.import) last = event.import;
      if (event.type === 'error')
        throw Object.assign(new Error(event.error?.message ?? 'import failed'), {
          data: { concordCode: event.error?.code },
        });
    }
  }
  if (!last) throw new Error('the node ended the upload without a summary');
  return last;
}
