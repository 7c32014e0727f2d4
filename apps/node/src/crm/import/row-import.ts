// A small CSV import engine for the analytical data (demographics, survey responses, loyalty events): reads with
// the CRM's CSV reader, parses each row, commits batches; every bad row is reported with its line and reason.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { readCsv } from './csv-reader.ts';
import { type HeaderMap, type HeaderSpec, mapHeader } from './header.ts';

export interface RowError {
  line: number;
  field: string | null;
  reason: string;
}

export type Parsed<T> = { ok: true; row: T } | { ok: false; field: string | null; reason: string };

export interface Numbered<T> {
  line: number;
  row: T;
}

export interface RowFormat<T> {
  spec: HeaderSpec;
  parse(map: HeaderMap, fields: string[]): Parsed<T>;
  /** Writes a batch in one transaction; returns how many rows landed and the rows refused (e.g. unknown customer). */
  commit(
    deps: Pick<Deps, 'db' | 'now'>,
    rows: Numbered<T>[],
  ): Promise<{ imported: number; errors: RowError[] }>;
}

export interface RowImportResult {
  rowsRead: number;
  imported: number;
  failed: number;
  /** Bad rows in line order (at most `maxErrors`; `failed` is the full count). */
  errors: RowError[];
  /** Why the whole file was refused (bad header, empty file), else null. */
  error: string | null;
}

export interface RowImportOptions {
  batchSize?: number;
  maxErrors?: number;
  onProgress?: (r: RowImportResult) => void;
}

export async function importRows<T>(
  deps: Pick<Deps, 'db' | 'now'>,
  input: RowImportOptions & { format: RowFormat<T>; source: AsyncIterable<Buffer | Uint8Array | string> },
): Promise<RowImportResult> {
  const { format, source, ...opts } = input;
  const batchSize = opts.batchSize ?? 2000;
  const maxErrors = opts.maxErrors ?? 1000;
  const result: RowImportResult = { rowsRead: 0, imported: 0, failed: 0, errors: [], error: null };
  const fail = (errors: RowError[]) => {
    result.failed += errors.length;
    result.errors.push(...errors.slice(0, Math.max(0, maxErrors - result.errors.length)));
  };
  let header: HeaderMap | null = null;
  let batch: Numbered<T>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const out = await format.commit(deps, batch);
    batch = [];
    result.imported += out.imported;
    fail(out.errors);
    result.errors.sort((a, b) => a.line - b.line);
    opts.onProgress?.({ ...result, errors: [] });
  };
  for await (const record of readCsv(source)) {
    if (header === null) {
      const mapped = record.ok ? mapHeader(format.spec, record.fields) : null;
      if (!mapped?.ok) {
        result.error = record.ok && mapped && !mapped.ok ? mapped.reason : 'unreadable header line';
        return result;
      }
      header = mapped.map;
      continue;
    }
    result.rowsRead++;
    if (!record.ok) {
      fail([{ line: record.line, field: null, reason: record.reason }]);
      continue;
    }
    if (record.fields.length !== header.width) {
      const reason = `expected ${header.width} columns, found ${record.fields.length}`;
      fail([{ line: record.line, field: null, reason }]);
      continue;
    }
    const parsed = format.parse(header, record.fields);
    if (parsed.ok) batch.push({ line: record.line, row: parsed.row });
    else fail([{ line: record.line, field: parsed.field, reason: parsed.reason }]);
    if (batch.length >= batchSize) await flush();
  }
  if (header === null) {
    result.error = 'empty file: no header line';
    return result;
  }
  await flush();
  return result;
}

/** Resolves customer external ids to ids (deleted customers count as unknown). */
export async function customerIdsByExternal(
  db: Kysely<Database>,
  externalIds: string[],
): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('customer')
    .select(['id', 'external_id'])
    .where('external_id', 'in', [...new Set(externalIds)])
    .where('deleted_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

/** Splits a batch into rows with a known customer (with its id) and errors for the others. */
export async function withCustomers<T extends { customerExternalId: string }>(
  db: Kysely<Database>,
  rows: Numbered<T>[],
): Promise<{ known: Array<Numbered<T> & { customerId: string }>; errors: RowError[] }> {
  const ids = await customerIdsByExternal(
    db,
    rows.map((r) => r.row.customerExternalId),
  );
  const known: Array<Numbered<T> & { customerId: string }> = [];
  const errors: RowError[] = [];
  for (const r of rows) {
    const id = ids.get(r.row.customerExternalId);
    if (id) known.push({ ...r, customerId: id });
    else
      errors.push({
        line: r.line,
        field: 'customer_external_id',
        reason: `unknown customer_external_id "${r.row.customerExternalId.slice(0, 40)}"`,
      });
  }
  return { known, errors };
}
