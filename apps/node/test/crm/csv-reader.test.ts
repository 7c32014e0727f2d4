// The streaming CSV reader: round-trips any well-formed CSV under any chunking, and recovers from broken quotes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvRecord, readCsv } from '../../src/crm/import/csv-reader.ts';

async function read(chunks: Array<string | Buffer>, maxRecordChars?: number): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsv(
    (async function* () {
      yield* chunks;
    })(),
    { maxRecordChars },
  ))
    out.push(r);
  return out;
}

function encodeField(f: string): string {
  return /[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f;
}

function split(text: string, cuts: number[]): Buffer[] {
  const bytes = Buffer.from(text);
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    parts.push(bytes.subarray(prev, p));
    prev = p;
  }
  return parts;
}

describe('readCsv', () => {
  it('round-trips random records (quotes, commas, line breaks, multi-byte text) under random chunking', async () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'é', '€', '😀', ',', '"', '\n', '\r\n', ' ', 'x'),
      maxLength: 6,
    });
    const records = fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(
        records,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        async (rows, cuts, crlf) => {
          const eol = crlf ? '\r\n' : '\n';
          const text = rows.map((r) => r.map(encodeField).join(',')).join(eol) + eol;
          const got = await read(split(text, cuts));
          expect(got.every((r) => r.ok)).toBe(true);
          expect(got.map((r) => (r.ok ? r.fields : []))).toEqual(rows);
          // Line numbers count physical lines, including line breaks inside quoted fields.
          let line = 1;
          const lines = rows.map((r) => {
            const at = line;
            line += 1 + r.join(',').split('\n').length - 1;
            return at;
          });
          expect(got.map((r) => r.line)).toEqual(lines);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports a broken quote at its line and keeps reading the next line', async () => {
    const text = 'a,b\n1,"x"y\n2,ok\n3,"never closed\n4,fine\n5,"also"\n';
    const got = await read([text]);
    expect(got).toEqual([
      { ok: true, line: 1, fields: ['a', 'b'] },
      { ok: false, line: 2, reason: 'unexpected character after closing quote in field 2' },
      { ok: true, line: 3, fields: ['2', 'ok'] },
      { ok: false, line: 4, reason: 'unbalanced quote in field 2 (quoted field runs past its line)' },
      { ok: true, line: 5, fields: ['4', 'fine'] },
      { ok: true, line: 6, fields: ['5', 'also'] },
    ]);
  });

  it('reports an unterminated quote at the end of the file and a record over the size cap', async () => {
    expect(await read(['a,b\n1,"open\n2,x'])).toEqual([
      { ok: true, line: 1, fields: ['a', 'b'] },
      { ok: false, line: 2, reason: 'unterminated quoted field (missing closing ")' },
      { ok: true, line: 3, fields: ['2', 'x'] },
    ]);
    const long = await read([`a\n"${'x'.repeat(50)}\nb\n`], 20);
    expect(long).toEqual([
      { ok: true, line: 1, fields: ['a'] },
      { ok: false, line: 2, reason: 'record longer than 20 characters' },
      { ok: true, line: 3, fields: ['b'] },
    ]);
  });

  it('skips a byte-order mark and empty lines, keeps a literal quote inside an unquoted field', async () => {
    expect(await read(['\uFEFFa,b\n\n5" tyre,x\r\n'])).toEqual([
      { ok: true, line: 1, fields: ['a', 'b'] },
      { ok: true, line: 3, fields: ['5" tyre', 'x'] },
    ]);
  });
});
