// `concord import consents FILE`: streams a consent CSV (reusing the CRM import's reader and header mapping),
// records good rows in committed batches, and reports every bad row with its line and reason.
import { ConsentSignal } from '@concord/consent/events';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { readCsv } from '../crm/import/csv-reader.ts';
import { cell, type HeaderMap, type HeaderSpec, mapHeader } from '../crm/import/header.ts';
import { clip, parseTimestamp } from '../crm/import/values.ts';
import type { Database } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { resolveNoticeRefs } from './notices.ts';
import { type ConsentEventInput, recordConsentEvents } from './record.ts';

export const CONSENT_CSV: HeaderSpec = {
  known: [
    'customer_external_id',
    'purpose',
    'state',
    'captured_at',
    'valid_until',
    'lawful_basis',
    'recipient_industries',
    'recipient_partners',
    'collection_method',
    'source',
    'notice',
    'evidence_ref',
  ],
  required: ['customer_external_id', 'purpose', 'state', 'captured_at'],
};

export interface ConsentImportError {
  line: number;
  field: string | null;
  reason: string;
}

export interface ConsentImportResult {
  rowsRead: number;
  recorded: number;
  failed: number;
  /** Every bad row, in line order (capped at `maxErrors`; `failed` is the full count). */
  errors: ConsentImportError[];
  /** Why the whole file was refused (bad header), else null. */
  error: string | null;
  /** (customer, purpose) pairs queued for withdrawal from publications. */
  withdrawalsQueued: number;
}

interface ParsedRow {
  line: number;
  customerExternalId: string;
  notice: string | null;
  raw: Record<string, unknown>;
}

function list(v: string | null): string[] {
  return v
    ? v
        .split(/[;|]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

function parseRow(
  map: HeaderMap,
  fields: string[],
  line: number,
  defaultSource: string,
): { ok: true; row: ParsedRow } | { ok: false; error: ConsentImportError } {
  const fail = (field: string | null, reason: string) => ({
    ok: false as const,
    error: { line, field, reason },
  });
  if (fields.length !== map.width) return fail(null, `expected ${map.width} columns, found ${fields.length}`);
  const customer = cell(map, fields, 'customer_external_id');
  if (!customer) return fail('customer_external_id', 'missing customer_external_id');
  const times: Record<string, Date | null> = {};
  for (const name of ['captured_at', 'valid_until'] as const) {
    const v = cell(map, fields, name);
    if (v === null) {
      times[name] = null;
      continue;
    }
    const t = parseTimestamp(v);
    if (!t.ok) return fail(name, t.reason);
    times[name] = t.value;
  }
  if (!times.captured_at) return fail('captured_at', 'missing captured_at');
  return {
    ok: true,
    row: {
      line,
      customerExternalId: customer,
      notice: cell(map, fields, 'notice'),
      raw: {
        purpose: cell(map, fields, 'purpose') ?? '',
        state: cell(map, fields, 'state')?.toLowerCase() ?? '',
        lawfulBasis: cell(map, fields, 'lawful_basis')?.toLowerCase() ?? undefined,
        recipientIndustries: list(cell(map, fields, 'recipient_industries')),
        recipientPartners: list(cell(map, fields, 'recipient_partners')),
        collectionMethod: cell(map, fields, 'collection_method')?.toLowerCase() ?? 'import',
        source: cell(map, fields, 'source') ?? defaultSource,
        capturedAt: times.captured_at,
        validUntil: times.valid_until,
        evidenceRef: cell(map, fields, 'evidence_ref'),
      },
    },
  };
}

/** Resolves, validates and records one batch in one transaction; returns its row errors. */
async function commitBatch(
  db: Kysely<Database>,
  rows: ParsedRow[],
  actor: Actor,
  now: Date,
  fileName: string,
): Promise<{ errors: ConsentImportError[]; recorded: number; withdrawals: number }> {
  const errors: ConsentImportError[] = [];
  if (rows.length === 0) return { errors, recorded: 0, withdrawals: 0 };
  const ids = await db
    .selectFrom('customer')
    .select(['id', 'external_id'])
    .where('external_id', 'in', [...new Set(rows.map((r) => r.customerExternalId))])
    .where('deleted_at', 'is', null)
    .execute();
  const idByExternal = new Map(ids.map((r) => [r.external_id, r.id]));
  const notices = await resolveNoticeRefs(db, [
    ...new Set(rows.flatMap((r) => (r.notice ? [r.notice] : []))),
  ]);
  const good: Array<{ line: number; input: ConsentEventInput }> = [];
  for (const r of rows) {
    const customerId = idByExternal.get(r.customerExternalId);
    if (!customerId) {
      errors.push({
        line: r.line,
        field: 'customer_external_id',
        reason: `unknown customer_external_id "${clip(r.customerExternalId)}"`,
      });
      continue;
    }
    const noticeVersionId = r.notice ? notices.get(r.notice) : null;
    if (noticeVersionId === undefined) {
      errors.push({
        line: r.line,
        field: 'notice',
        reason: `unknown notice "${clip(r.notice ?? '')}" (expected key@version)`,
      });
      continue;
    }
    const parsed = ConsentSignal.safeParse({ ...r.raw, noticeVersionId });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? '');
      errors.push({
        line: r.line,
        field: toColumn(field),
        reason: `${toColumn(field) ?? 'row'}: ${issue.message}`,
      });
      continue;
    }
    good.push({ line: r.line, input: { ...parsed.data, customerId } });
  }
  if (good.length === 0) return { errors, recorded: 0, withdrawals: 0 };
  const result = await db.transaction().execute((trx) =>
    recordConsentEvents(
      { db: trx, now: () => now },
      {
        events: good.map((g) => g.input),
        actor,
        via: 'import',
        auditData: { file: fileName, firstLine: good[0]!.line, lastLine: good[good.length - 1]!.line },
      },
    ),
  );
  return { errors, recorded: result.eventIds.length, withdrawals: result.ineligible.length };
}

const COLUMN_OF: Record<string, string> = {
  purpose: 'purpose',
  state: 'state',
  lawfulBasis: 'lawful_basis',
  recipientIndustries: 'recipient_industries',
  recipientPartners: 'recipient_partners',
  collectionMethod: 'collection_method',
  source: 'source',
  capturedAt: 'captured_at',
  validUntil: 'valid_until',
  evidenceRef: 'evidence_ref',
};

function toColumn(field: string): string | null {
  return COLUMN_OF[field] ?? null;
}

/**
 * Imports a consent CSV. Per-row problems never stop the import: bad rows are reported with their line
 * number (the header is line 1) and reason, good rows are recorded in batches of `batchSize`.
 */
export async function importConsentsCsv(
  deps: Pick<Deps, 'db' | 'now'>,
  opts: {
    source: AsyncIterable<Buffer | Uint8Array | string>;
    actor: Actor;
    fileName?: string;
    batchSize?: number;
    maxErrors?: number;
    /** Called after each committed batch with the running totals. */
    onProgress?: (progress: Omit<ConsentImportResult, 'errors'>) => void;
  },
): Promise<ConsentImportResult> {
  const fileName = opts.fileName ?? 'upload.csv';
  const { db, now } = deps;
  const { source } = opts;
  const batchSize = opts.batchSize ?? 2_000;
  const maxErrors = opts.maxErrors ?? 10_000;
  const result: ConsentImportResult = {
    rowsRead: 0,
    recorded: 0,
    failed: 0,
    errors: [],
    error: null,
    withdrawalsQueued: 0,
  };
  const addErrors = (errors: ConsentImportError[]) => {
    result.failed += errors.length;
    for (const e of errors) if (result.errors.length < maxErrors) result.errors.push(e);
  };
  let header: HeaderMap | null = null;
  let batch: ParsedRow[] = [];
  let pendingErrors: ConsentImportError[] = [];
  const flush = async () => {
    const out = await commitBatch(db, batch, opts.actor, now(), fileName);
    result.recorded += out.recorded;
    result.withdrawalsQueued += out.withdrawals;
    addErrors([...pendingErrors, ...out.errors].sort((a, b) => a.line - b.line));
    batch = [];
    pendingErrors = [];
    const { errors: _errors, ...totals } = result;
    opts.onProgress?.(totals);
  };
  for await (const record of readCsv(source)) {
    if (header === null) {
      if (!record.ok) return { ...result, error: `header line: ${record.reason}` };
      const mapped = mapHeader(CONSENT_CSV, record.fields);
      if (!mapped.ok) return { ...result, error: mapped.reason };
      header = mapped.map;
      continue;
    }
    result.rowsRead += 1;
    if (!record.ok) pendingErrors.push({ line: record.line, field: null, reason: record.reason });
    else {
      const parsed = parseRow(header, record.fields, record.line, fileName);
      if (parsed.ok) batch.push(parsed.row);
      else pendingErrors.push(parsed.error);
    }
    if (batch.length + pendingErrors.length >= batchSize) await flush();
  }
  if (header === null) return { ...result, error: 'empty file: no header line' };
  await flush();
  return result;
}
