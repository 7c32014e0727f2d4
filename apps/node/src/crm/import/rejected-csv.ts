// The rejected rows of an import as a CSV file (line, column, reason), for fixing the source and importing again.
import type { Kysely } from 'kysely';
import { csvCell } from '../../collab/audience.ts';
import type { Database } from '../../db/database.ts';
import { getImport } from './jobs.ts';

/** Rows in one download; an import with more rejected rows than this has a bigger problem than a file can show. */
export const REJECTED_CSV_MAX = 100_000;

export async function rejectedRowsCsv(
  db: Kysely<Database>,
  importId: string,
): Promise<{ filename: string; csv: string; rows: number }> {
  const job = await getImport(db, importId);
  const rows = await db
    .selectFrom('import_error')
    .select(['line', 'field', 'reason'])
    .where('import_id', '=', importId)
    .orderBy('line')
    .limit(REJECTED_CSV_MAX)
    .execute();
  const lines = rows.map((r) => [String(r.line), r.field, r.reason].map(csvCell).join(','));
  const base = (job.fileName ?? `${job.kind}-import`).replace(/\.csv$/i, '').replace(/[^\w.-]+/g, '_');
  return {
    filename: `${base}-rejected-rows.csv`,
    csv: `${['line,column,reason', ...lines].join('\r\n')}\r\n`,
    rows: rows.length,
  };
}
