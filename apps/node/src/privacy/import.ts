// Bulk logging of privacy requests from a CSV (`concord privacy import FILE`): each good row becomes a request,
// every bad row is reported with its line (header = line 1), column and reason, and nothing is lost.
import { isKnownPurpose } from '@concord/consent/purposes';
import { ConcordError } from '@concord/protocol/errors';
import type { Actor } from '../auth/actor.ts';
import { readCsv } from '../crm/import/csv-reader.ts';
import { cell, type HeaderMap, type HeaderSpec, mapHeader } from '../crm/import/header.ts';
import { clip, parseTimestamp } from '../crm/import/values.ts';
import type { PrivacyRequestChannel, PrivacyRequestKind } from '../db/tables/privacy.table.ts';
import { atOneInstant, type Deps } from '../deps.ts';
import { createPrivacyRequest } from './requests.ts';

export const PRIVACY_REQUEST_CSV: HeaderSpec = {
  known: ['kind', 'customer_external_id', 'channel', 'reference', 'received_at', 'purposes', 'note'],
  required: ['kind', 'customer_external_id', 'channel', 'received_at'],
};

const KINDS: readonly PrivacyRequestKind[] = ['withdrawal', 'erasure', 'objection', 'access'];
const CHANNELS: readonly PrivacyRequestChannel[] = [
  'email',
  'letter',
  'phone',
  'web_form',
  'in_person',
  'app',
  'other',
];

export interface RequestImportResult {
  rowsRead: number;
  created: number;
  failed: number;
  errors: Array<{ line: number; field: string | null; reason: string }>;
  /** Ids of the requests created, in file order. */
  requestIds: string[];
  /** Why the whole file was refused (bad header), else null. */
  error: string | null;
}

type Row = Omit<Parameters<typeof createPrivacyRequest>[1], 'customerId' | 'actor'> & { externalId: string };

function parseRow(
  h: HeaderMap,
  f: string[],
): { ok: true; row: Row } | { ok: false; field: string; reason: string } {
  const kind = cell(h, f, 'kind') as PrivacyRequestKind | null;
  if (!kind || !KINDS.includes(kind))
    return { ok: false, field: 'kind', reason: `kind must be one of ${KINDS.join(', ')}` };
  const channel = cell(h, f, 'channel') as PrivacyRequestChannel | null;
  if (!channel || !CHANNELS.includes(channel)) {
    return {
      ok: false,
      field: 'channel',
      reason: `channel must be one of ${CHANNELS.join(', ')} (asked, never assumed)`,
    };
  }
  const externalId = cell(h, f, 'customer_external_id');
  if (!externalId) return { ok: false, field: 'customer_external_id', reason: 'missing customer' };
  const reference = cell(h, f, 'reference');
  if (kind === 'erasure' && !reference)
    return { ok: false, field: 'reference', reason: 'an erasure needs a reference' };
  const received = parseTimestamp(cell(h, f, 'received_at') ?? '');
  if (!received.ok) return { ok: false, field: 'received_at', reason: received.reason };
  const purposes = (cell(h, f, 'purposes') ?? '')
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = purposes.find((p) => !isKnownPurpose(p));
  if (unknown) return { ok: false, field: 'purposes', reason: `unknown purpose "${clip(unknown)}"` };
  return {
    ok: true,
    row: {
      kind,
      channel,
      externalId,
      reference,
      receivedAt: received.value,
      purposes: purposes.length ? purposes : null,
      note: cell(h, f, 'note'),
    },
  };
}

export async function importPrivacyRequestsCsv(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { source: AsyncIterable<string>; actor: Actor },
): Promise<RequestImportResult> {
  // Every row of one file is received by the node at the same instant.
  const once = atOneInstant(deps);
  const { db } = once;
  const { source, actor } = input;
  const result: RequestImportResult = {
    rowsRead: 0,
    created: 0,
    failed: 0,
    errors: [],
    requestIds: [],
    error: null,
  };
  const fail = (line: number, field: string | null, reason: string) => {
    result.failed += 1;
    result.errors.push({ line, field, reason });
  };
  let header: HeaderMap | null = null;
  for await (const record of readCsv(source)) {
    if (header === null) {
      if (!record.ok) return { ...result, error: `header line: ${record.reason}` };
      const mapped = mapHeader(PRIVACY_REQUEST_CSV, record.fields);
      if (!mapped.ok) return { ...result, error: mapped.reason };
      header = mapped.map;
      continue;
    }
    result.rowsRead += 1;
    if (!record.ok) {
      fail(record.line, null, record.reason);
      continue;
    }
    const parsed = parseRow(header, record.fields);
    if (!parsed.ok) {
      fail(record.line, parsed.field, parsed.reason);
      continue;
    }
    const { externalId, ...row } = parsed.row;
    const customer = await db
      .selectFrom('customer')
      .select('id')
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    if (!customer) {
      fail(record.line, 'customer_external_id', `no customer "${clip(externalId)}"`);
      continue;
    }
    try {
      const created = await createPrivacyRequest(once, { ...row, customerId: customer.id, actor });
      result.created += 1;
      result.requestIds.push(created.id);
    } catch (error) {
      if (!(error instanceof ConcordError)) throw error;
      fail(record.line, null, error.message);
    }
  }
  if (header === null) return { ...result, error: 'empty file: no header line' };
  return result;
}
