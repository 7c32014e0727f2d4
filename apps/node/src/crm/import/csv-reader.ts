// Streaming RFC 4180 reader that reports broken records by line and resynchronizes, so good rows still land.
import { StringDecoder } from 'node:string_decoder';

export type CsvRecord =
  | { ok: true /** First physical line of the record (1-based). */; line: number; fields: string[] }
  | { ok: false; line: number; reason: string };

export interface CsvReaderOptions {
  /** A record longer than this is reported (an unterminated quote would otherwise swallow the file). */
  maxRecordChars?: number;
  /** Called with the number of bytes taken from the source so far. */
  onBytes?: (bytes: number) => void;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

type Scan =
  | { kind: 'record'; fields: string[]; end: number; newlines: number }
  | { kind: 'error'; reason: string }
  | { kind: 'more' };

/**
 * Yields one entry per non-empty record. A quoting error is reported at the record's first line and
 * reading resumes on the next physical line, so one bad quote costs one line, not the rest of the file.
 */
export async function* readCsv(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  opts: CsvReaderOptions = {},
): AsyncGenerator<CsvRecord> {
  const maxChars = opts.maxRecordChars ?? 1_000_000;
  const decoder = new StringDecoder('utf8');
  const iterator = source[Symbol.asyncIterator]();
  let buf = '';
  let pos = 0;
  let line = 1;
  let bytes = 0;
  let eof = false;
  let first = true;
  // After a broken record: drop input up to the end of its first physical line.
  let skipLine = false;

  const fill = async (): Promise<void> => {
    const next = await iterator.next();
    let text: string;
    if (next.done) {
      eof = true;
      text = decoder.end();
    } else {
      const chunk = next.value;
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      opts.onBytes?.(bytes);
      text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    }
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    buf = buf.slice(pos) + text;
    pos = 0;
  };

  while (true) {
    if (skipLine) {
      const nl = buf.indexOf('\n', pos);
      if (nl === -1) {
        pos = buf.length;
        if (eof) return;
        await fill();
        continue;
      }
      pos = nl + 1;
      line += 1;
      skipLine = false;
      continue;
    }
    if (pos >= buf.length) {
      if (eof) return;
      await fill();
      continue;
    }
    const scan = scanRecord(buf, pos, eof, maxChars);
    if (scan.kind === 'more') {
      await fill();
      continue;
    }
    if (scan.kind === 'error') {
      yield { ok: false, line, reason: scan.reason };
      skipLine = true;
      continue;
    }
    const bad = badCharacters(scan.fields);
    // An empty line is no record.
    if (bad) yield { ok: false, line, reason: bad };
    else if (scan.fields.length > 1 || scan.fields[0] !== '') yield { ok: true, line, fields: scan.fields };
    line += scan.newlines;
    pos = scan.end;
  }
}

/**
 * A NUL byte (Postgres text cannot hold it: one used to abort the whole import) or a byte sequence that is not
 * UTF-8 (the decoder turns it into U+FFFD; a U+FFFD already in the file marks the same loss in an earlier
 * conversion) rejects the record, never the file. The reason names the field, not its value.
 */
function badCharacters(fields: string[]): string | null {
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k]!;
    if (f.includes('\u0000')) return `NUL byte in field ${k + 1}`;
    if (f.includes('\ufffd')) return `invalid UTF-8 in field ${k + 1} (save the file as UTF-8)`;
  }
  return null;
}

/** Scans one record starting at `start`; `more` when the buffer ends before the record does. */
function scanRecord(buf: string, start: number, eof: boolean, maxChars: number): Scan {
  const nl = buf.indexOf('\n', start);
  if (nl === -1 && !eof) {
    return buf.length - start > maxChars
      ? { kind: 'error', reason: `record longer than ${maxChars} characters` }
      : { kind: 'more' };
  }
  const lineEnd = nl === -1 ? buf.length : nl;
  const contentEnd = lineEnd > start && buf.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
  const quote = buf.indexOf('"', start);
  if (quote === -1 || quote >= contentEnd) {
    // Fast path: no quotes on this line.
    return {
      kind: 'record',
      fields: buf.slice(start, contentEnd).split(','),
      end: nl === -1 ? buf.length : nl + 1,
      newlines: 1,
    };
  }
  return scanQuoted(buf, start, eof, maxChars);
}

/** A quoted field starting at `i` (the opening quote): its value and where it ends, or more input / an error. */
function readQuoted(
  buf: string,
  i: number,
  start: number,
  eof: boolean,
  maxChars: number,
): Scan | { kind: 'field'; value: string; next: number; newlines: number } {
  const n = buf.length;
  let value = '';
  let newlines = 0;
  let j = i + 1;
  let segment = j;
  while (true) {
    if (j - start > maxChars) return { kind: 'error', reason: `record longer than ${maxChars} characters` };
    if (j >= n) {
      return eof
        ? { kind: 'error', reason: 'unterminated quoted field (missing closing ")' }
        : { kind: 'more' };
    }
    const c = buf.charCodeAt(j);
    if (c === QUOTE) {
      if (j + 1 >= n && !eof) return { kind: 'more' };
      if (buf.charCodeAt(j + 1) === QUOTE) {
        value += buf.slice(segment, j + 1);
        j += 2;
        segment = j;
        continue;
      }
      value += buf.slice(segment, j);
      return { kind: 'field', value, next: j + 1, newlines };
    }
    if (c === LF) newlines += 1;
    j += 1;
  }
}

/** What follows a closing quote: a comma (next field), a line end (record done), or an error. */
function afterQuoted(
  buf: string,
  i: number,
  eof: boolean,
  fields: string[],
  newlines: number,
): Scan | { kind: 'next'; at: number } {
  const n = buf.length;
  if (i >= n) {
    if (!eof) return { kind: 'more' };
    return { kind: 'record', fields, end: n, newlines: newlines + 1 };
  }
  const c = buf.charCodeAt(i);
  if (c === COMMA) {
    if (i + 1 >= n && !eof) return { kind: 'more' };
    if (i + 1 >= n) {
      fields.push('');
      return { kind: 'record', fields, end: n, newlines: newlines + 1 };
    }
    return { kind: 'next', at: i + 1 };
  }
  if (c === LF) return { kind: 'record', fields, end: i + 1, newlines: newlines + 1 };
  if (c === CR) {
    if (i + 1 >= n && !eof) return { kind: 'more' };
    if (i + 1 >= n) return { kind: 'record', fields, end: n, newlines: newlines + 1 };
    if (buf.charCodeAt(i + 1) === LF) return { kind: 'record', fields, end: i + 2, newlines: newlines + 1 };
  }
  return {
    kind: 'error',
    reason:
      newlines > 0
        ? `unbalanced quote in field ${fields.length} (quoted field runs past its line)`
        : `unexpected character after closing quote in field ${fields.length}`,
  };
}

function scanQuoted(buf: string, start: number, eof: boolean, maxChars: number): Scan {
  const fields: string[] = [];
  let i = start;
  let newlines = 0;
  const n = buf.length;
  while (true) {
    if (i - start > maxChars) return { kind: 'error', reason: `record longer than ${maxChars} characters` };
    if (i < n && buf.charCodeAt(i) === QUOTE) {
      const q = readQuoted(buf, i, start, eof, maxChars);
      if (q.kind !== 'field') return q;
      fields.push(q.value);
      newlines += q.newlines;
      const after = afterQuoted(buf, q.next, eof, fields, newlines);
      if (after.kind !== 'next') return after;
      i = after.at;
      continue;
    }
    // Unquoted field: up to the next comma or line end; a bare quote inside is kept literally.
    let j = i;
    while (j < n) {
      const c = buf.charCodeAt(j);
      if (c === COMMA || c === LF) break;
      j += 1;
    }
    if (j >= n && !eof) return { kind: 'more' };
    let end = j;
    if (end > i && buf.charCodeAt(end - 1) === CR && (j >= n || buf.charCodeAt(j) === LF)) end -= 1;
    fields.push(buf.slice(i, end));
    if (j >= n) return { kind: 'record', fields, end: n, newlines: newlines + 1 };
    if (buf.charCodeAt(j) === LF) return { kind: 'record', fields, end: j + 1, newlines: newlines + 1 };
    i = j + 1;
    if (i >= n) {
      if (!eof) return { kind: 'more' };
      fields.push('');
      return { kind: 'record', fields, end: n, newlines: newlines + 1 };
    }
  }
}
