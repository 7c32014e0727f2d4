// Import job rows: create, read progress, list, and page through per-row errors.
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { ImportJob, ImportKind, ImportStatus } from '../../db/tables/crm.table.ts';
import type { Deps } from '../../deps.ts';

export interface ImportSummary {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string | null;
  createdBy: string | null;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows rejected (nothing written): see `imports.errors`. */
  failed: number;
  /** Rows that landed with warnings (invalid identifier kept, region inferred…): see `imports.warnings`. */
  withWarnings: number;
  /** Probable duplicates flagged while importing. */
  duplicatesFlagged: number;
  lastCommittedLine: number;
  bytesRead: number;
  error: string | null;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface ImportRowWarning {
  line: number;
  field: string | null;
  code: string;
  reason: string;
}

export interface ImportRowError {
  line: number;
  field: string | null;
  reason: string;
}

export function toSummary(job: ImportJob): ImportSummary {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    fileName: job.file_name,
    createdBy: job.created_by,
    rowsRead: job.rows_read,
    inserted: job.rows_inserted,
    updated: job.rows_updated,
    unchanged: job.rows_unchanged,
    failed: job.rows_failed,
    withWarnings: job.rows_with_warnings,
    duplicatesFlagged: job.duplicates_flagged,
    lastCommittedLine: job.last_committed_line,
    bytesRead: job.bytes_read,
    error: job.error,
    startedAt: job.started_at,
    updatedAt: job.updated_at,
    finishedAt: job.finished_at,
  };
}

export async function createImportJob(
  db: Kysely<Database>,
  input: { kind: ImportKind; fileName?: string | null; createdBy?: string | null },
): Promise<ImportSummary> {
  const job = await db
    .insertInto('import_job')
    .values({
      kind: input.kind,
      status: 'running',
      file_name: input.fileName ?? null,
      created_by: input.createdBy ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSummary(job);
}

export async function getImport(db: Kysely<Database>, id: string): Promise<ImportSummary> {
  const job = await db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst();
  if (!job) throw new ConcordError('NOT_FOUND', 'no such import');
  return toSummary(job);
}

/** Newest first; `before` is the startedAt of the last item of the previous page. */
export async function listImports(
  db: Kysely<Database>,
  opts: { limit: number; kind?: ImportKind; before?: Date },
): Promise<ImportSummary[]> {
  let q = db
    .selectFrom('import_job')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(opts.limit);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  if (opts.before) q = q.where('started_at', '<', opts.before);
  return (await q.execute()).map(toSummary);
}

/** Row errors in line order, after `afterLine`. */
export async function listImportErrors(
  db: Kysely<Database>,
  importId: string,
  opts: { limit: number; afterLine?: number },
): Promise<ImportRowError[]> {
  await getImport(db, importId);
  return db
    .selectFrom('import_error')
    .select(['line', 'field', 'reason'])
    .where('import_id', '=', importId)
    .where('line', '>', opts.afterLine ?? 0)
    .orderBy('line')
    .limit(opts.limit)
    .execute();
}

/**
 * At startup, before anything can import: a job still `running` was cut off by a crash or kill of this node (a
 * node runs one process per database), so it is marked `interrupted`; its committed batches stay and a resume
 * (`importId`) continues after `lastCommittedLine`. Returns the ids marked.
 */
export async function markInterruptedImports(deps: Pick<Deps, 'db' | 'now'>): Promise<string[]> {
  const now = deps.now();
  const rows = await deps.db
    .updateTable('import_job')
    .set({
      status: 'interrupted',
      error: 'the node stopped during this import; upload the file again to resume',
      finished_at: now,
      updated_at: now,
    })
    .where('status', '=', 'running')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Stores the warnings of rows that landed (several per line, in order). */
export async function insertWarnings(
  trx: Transaction<Database>,
  importId: string,
  rows: Array<{ line: number; warnings?: Array<{ field: string; code: string; reason: string }> }>,
): Promise<void> {
  const values = rows.flatMap((r) =>
    (r.warnings ?? []).map((w, seq) => ({
      import_id: importId,
      line: r.line,
      seq,
      field: w.field,
      code: w.code,
      reason: w.reason,
    })),
  );
  if (values.length === 0) return;
  await trx
    .insertInto('import_warning')
    .values(values)
    .onConflict((oc) => oc.columns(['import_id', 'line', 'seq']).doNothing())
    .execute();
}

/** Warnings in line order, after `afterLine`. */
export async function listImportWarnings(
  db: Kysely<Database>,
  importId: string,
  opts: { limit: number; afterLine?: number },
): Promise<ImportRowWarning[]> {
  await getImport(db, importId);
  return db
    .selectFrom('import_warning')
    .select(['line', 'field', 'code', 'reason'])
    .where('import_id', '=', importId)
    .where('line', '>', opts.afterLine ?? 0)
    .orderBy('line')
    .orderBy('seq')
    .limit(opts.limit)
    .execute();
}
