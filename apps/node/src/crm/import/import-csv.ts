// importCsv: streams a CSV into the CRM in committed batches, recording progress and every bad row; resumable.
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { ImportKind } from '../../db/tables/crm.table.ts';
import type { Deps } from '../../deps.ts';
import { type CustomerInput, upsertCustomers } from '../customers/upsert-customers.ts';
import { flagDuplicates } from '../duplicates/flag.ts';
import { type InteractionInput, upsertInteractions } from '../history/upsert-interactions.ts';
import { type PurchaseInput, upsertPurchases } from '../history/upsert-purchases.ts';
import { createIdentifierReader, type IdentifierReader } from '../identifiers/read.ts';
import { readCsv } from './csv-reader.ts';
import {
  parseCustomerRow,
  parseInteractionRow,
  parsePurchaseRow,
  type RowResult,
  type RowWarning,
  SPECS,
} from './formats.ts';
import { type HeaderMap, mapHeader } from './header.ts';
import {
  createImportJob,
  getImport,
  type ImportRowError,
  type ImportSummary,
  insertWarnings,
} from './jobs.ts';
import { applyMapping, type ColumnMapping } from './mapping.ts';

export interface ImportOptions {
  /** Resume this import: lines up to its last committed line are skipped. */
  importId?: string;
  fileName?: string | null;
  createdBy?: string | null;
  /** Rows per committed batch. */
  batchSize?: number;
  /**
   * Region for national phone numbers of rows without a country (the node's `defaultRegion`); without it such
   * numbers are kept as invalid (`phone_missing_region`).
   */
  defaultRegion?: string;
  /** Flag customers that share a normalized email or phone with another customer as probable duplicates. */
  flagDuplicates?: boolean;
  /** The file's header names → the format's columns ('' leaves a column out); see ./mapping.ts. */
  mapping?: ColumnMapping;
  /** Called once the job row exists (new or resumed), before any data is read. */
  onStart?: (job: ImportSummary) => void;
  /** Called after each committed batch. */
  onProgress?: (progress: ImportSummary) => void;
}

/** The stored identity of an input row: its own key and, for history, its customer's. */
interface Keyed {
  externalId: string;
  customerExternalId?: string;
}

/** How one kind of file is parsed and written. */
interface Format<T extends Keyed> {
  parse(map: HeaderMap, fields: string[], ctx: ParseContext): RowResult<T>;
  upsert(db: Kysely<Database>, rows: T[], ctx: ParseContext): Promise<Stats>;
}

interface ParseContext {
  read: IdentifierReader;
  defaultRegion: string | undefined;
  flagDuplicates: boolean;
  importId: string;
  /** The column name a row error reports: the file's own name when a mapping renamed it. */
  column: (field: string | null) => string | null;
}

const CUSTOMERS: Format<CustomerInput> = {
  parse: (m, f, ctx) => parseCustomerRow(m, f, ctx.read, ctx.defaultRegion),
  upsert: async (db, rows, ctx) => {
    const stats = await upsertCustomers(db, rows, { defaultRegion: ctx.defaultRegion });
    const flagged = ctx.flagDuplicates
      ? await flagDuplicates(db, { externalIds: rows.map((r) => r.externalId), importId: ctx.importId })
      : 0;
    return { ...stats, duplicatesFlagged: flagged };
  },
};
const PURCHASES: Format<PurchaseInput> = { parse: (m, f) => parsePurchaseRow(m, f), upsert: upsertPurchases };
const INTERACTIONS: Format<InteractionInput> = {
  parse: (m, f) => parseInteractionRow(m, f),
  upsert: upsertInteractions,
};

interface Pending<T> {
  line: number;
  row: T;
  warnings?: RowWarning[];
}

interface Batch<T> {
  rows: Pending<T>[];
  errors: ImportRowError[];
  lastLine: number;
  bytes: number;
}

type Stats = {
  inserted: number;
  updated: number;
  unchanged: number;
  unknownCustomers?: number[];
  duplicatesFlagged?: number;
};

/**
 * Imports one CSV file of `kind`. Returns the final summary (status `completed` or `failed` with `error`);
 * per-row problems never stop the import — they are stored with their line number.
 */
export async function importCsv(
  deps: Clock,
  input: ImportOptions & { kind: ImportKind; source: AsyncIterable<Buffer | Uint8Array | string> },
): Promise<ImportSummary> {
  const { kind, source, ...opts } = input;
  if (kind === 'customers') return runImport(deps, kind, CUSTOMERS, source, opts);
  if (kind === 'purchases') return runImport(deps, kind, PURCHASES, source, opts);
  return runImport(deps, kind, INTERACTIONS, source, opts);
}

/** What an import needs: the database and the clock its job timestamps come from. */
type Clock = Pick<Deps, 'db' | 'now'>;

/** A new job, or the interrupted one being resumed (set running again); announced through `onStart`. */
async function openJob(deps: Clock, kind: ImportKind, opts: ImportOptions): Promise<ImportSummary> {
  const { db } = deps;
  const job = opts.importId
    ? await getImport(db, opts.importId)
    : await createImportJob(db, { kind, ...opts });
  if (job.kind !== kind) throw new ConcordError('CONFLICT', `import ${job.id} is a ${job.kind} import`);
  if (opts.importId) {
    await db
      .updateTable('import_job')
      .set({ status: 'running', error: null, finished_at: null, updated_at: deps.now() })
      .where('id', '=', job.id)
      .execute();
  }
  opts.onStart?.({ ...job, status: 'running' });
  return job;
}

async function runImport<T extends Keyed>(
  deps: Clock,
  kind: ImportKind,
  format: Format<T>,
  source: AsyncIterable<Buffer | Uint8Array | string>,
  opts: ImportOptions,
): Promise<ImportSummary> {
  const { db } = deps;
  const job = await openJob(deps, kind, opts);
  const skipUntil = job.lastCommittedLine;
  const batchSize = opts.batchSize ?? 5000;
  const ctx: ParseContext = {
    read: createIdentifierReader(opts.defaultRegion),
    defaultRegion: opts.defaultRegion,
    flagDuplicates: opts.flagDuplicates ?? true,
    importId: job.id,
    column: sourceColumn(opts.mapping),
  };
  let bytes = 0;
  let header: HeaderMap | null = null;
  let batch: Batch<T> = { rows: [], errors: [], lastLine: 0, bytes: 0 };

  // One batch commits while the next one is parsed; commits stay strictly in file order.
  let inflight = null as Promise<void> | null;
  const flush = async () => {
    if (batch.rows.length === 0 && batch.errors.length === 0 && batch.lastLine <= skipUntil) return;
    const current = batch;
    const bytesNow = bytes;
    batch = { rows: [], errors: [], lastLine: current.lastLine, bytes: 0 };
    if (inflight) await inflight;
    inflight = commitBatch(deps, ctx, format, current, bytesNow).then((summary) =>
      opts.onProgress?.(summary),
    );
    // Handled here so a failure surfaces at the next await, not as an unhandled rejection.
    inflight.catch(() => {});
  };

  try {
    for await (const record of readCsv(source, { onBytes: (b) => (bytes = b) })) {
      if (header === null) {
        if (!record.ok) return await failJob(deps, job.id, `header line: ${record.reason}`);
        const mapped = mapHeader(SPECS[kind], applyMapping(record.fields, opts.mapping));
        if (!mapped.ok) return await failJob(deps, job.id, mapped.reason);
        header = mapped.map;
        continue;
      }
      if (record.line <= skipUntil) continue;
      batch.lastLine = record.line;
      if (!record.ok) batch.errors.push({ line: record.line, field: null, reason: record.reason });
      else {
        const parsed = format.parse(header, record.fields, ctx);
        if (parsed.ok) batch.rows.push({ line: record.line, row: parsed.row, warnings: parsed.warnings });
        else batch.errors.push({ line: record.line, field: ctx.column(parsed.field), reason: parsed.reason });
      }
      if (batch.rows.length + batch.errors.length >= batchSize) await flush();
    }
    if (header === null) return await failJob(deps, job.id, 'empty file: no header line');
    await flush();
    await inflight;
    const finished = deps.now();
    await db
      .updateTable('import_job')
      .set({ status: 'completed', bytes_read: bytes, finished_at: finished, updated_at: finished })
      .where('id', '=', job.id)
      .execute();
    return await getImport(db, job.id);
  } catch (error) {
    await inflight?.catch(() => {});
    if (error instanceof ConcordError) throw error;
    return failJob(deps, job.id, error instanceof Error ? error.message : String(error));
  }
}

/** Target column → the file's header name it came from (identity without a mapping). */
function sourceColumn(mapping: ColumnMapping | undefined): (field: string | null) => string | null {
  if (!mapping) return (field) => field;
  const back = new Map(Object.entries(mapping).map(([source, target]) => [target.toLowerCase(), source]));
  return (field) => (field === null ? null : (back.get(field) ?? field));
}

async function failJob(deps: Clock, id: string, reason: string): Promise<ImportSummary> {
  const now = deps.now();
  await deps.db
    .updateTable('import_job')
    .set({ status: 'failed', error: reason, finished_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
  return getImport(deps.db, id);
}

/** Writes one batch, its row errors and the job's progress in one transaction (the unit a resume restarts from). */
async function commitBatch<T extends Keyed>(
  deps: Clock,
  ctx: ParseContext,
  format: Format<T>,
  batch: Batch<T>,
  bytes: number,
): Promise<ImportSummary> {
  const errors = [...batch.errors];
  // A key repeated inside one batch cannot be upserted twice in one statement: the first occurrence wins.
  const firstLine = new Map<string, number>();
  const rows: Pending<T>[] = [];
  for (const p of batch.rows) {
    const seen = firstLine.get(p.row.externalId);
    if (seen !== undefined) {
      errors.push({
        line: p.line,
        field: ctx.column('external_id'),
        reason: `duplicate external_id "${p.row.externalId}" (already on line ${seen})`,
      });
    } else {
      firstLine.set(p.row.externalId, p.line);
      rows.push(p);
    }
  }
  const importId = ctx.importId;
  const { db } = deps;
  await db.transaction().execute(async (trx) => {
    const stats = await format.upsert(
      trx,
      rows.map((p) => p.row),
      ctx,
    );
    for (const i of stats.unknownCustomers ?? []) {
      const p = rows[i]!;
      errors.push({
        line: p.line,
        field: ctx.column('customer_external_id'),
        reason: `unknown customer_external_id "${p.row.customerExternalId}"`,
      });
    }
    if (errors.length > 0) {
      await trx
        .insertInto('import_error')
        .values(errors.map((e) => ({ import_id: importId, line: e.line, field: e.field, reason: e.reason })))
        .onConflict((oc) => oc.columns(['import_id', 'line']).doNothing())
        .execute();
    }
    const warned = rows.filter((p) => (p.warnings?.length ?? 0) > 0);
    await insertWarnings(trx, importId, warned);
    await trx
      .updateTable('import_job')
      .set((eb) => ({
        rows_with_warnings: eb('rows_with_warnings', '+', warned.length),
        duplicates_flagged: eb('duplicates_flagged', '+', stats.duplicatesFlagged ?? 0),
        rows_read: eb('rows_read', '+', batch.rows.length + batch.errors.length),
        rows_inserted: eb('rows_inserted', '+', stats.inserted),
        rows_updated: eb('rows_updated', '+', stats.updated),
        rows_unchanged: eb('rows_unchanged', '+', stats.unchanged),
        rows_failed: eb('rows_failed', '+', errors.length),
        last_committed_line: batch.lastLine,
        bytes_read: bytes,
        updated_at: deps.now(),
      }))
      .where('id', '=', importId)
      .execute();
  });
  return getImport(db, importId);
}
