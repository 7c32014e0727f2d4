// CSV format of demographics: customer_external_id plus any of sex, birth_date, income_band, education,
// household_size, region. An empty cell leaves the stored value as is; the value `-` clears it.
import { sql } from 'kysely';
import { inTrx } from '../../deps.ts';
import type { HeaderMap } from '../import/header.ts';
import { cell } from '../import/header.ts';
import { type Parsed, type RowFormat, withCustomers } from '../import/row-import.ts';
import { clip, parseDate } from '../import/values.ts';
import { DemographicsPatch, upsertDemographics } from './demographics.ts';

interface DemographicsRow {
  customerExternalId: string;
  patch: DemographicsPatch;
  /** undefined = leave, null = clear. */
  birthDate?: string | null;
}

const SEX_ALIASES: Record<string, string> = {
  f: 'female',
  w: 'female',
  m: 'male',
  d: 'diverse',
  x: 'undisclosed',
};

const COLUMNS = [
  ['sex', 'sex'],
  ['income_band', 'incomeBand'],
  ['education', 'education'],
  ['household_size', 'householdSize'],
  ['region', 'region'],
] as const;

function normalized(column: string, raw: string): unknown {
  if (column === 'household_size') return /^\d{1,3}$/.test(raw) ? Number(raw) : raw;
  if (column === 'region') return raw;
  const lower = raw.toLowerCase();
  return column === 'sex' ? (SEX_ALIASES[lower] ?? lower) : lower;
}

function parse(map: HeaderMap, fields: string[]): Parsed<DemographicsRow> {
  const customerExternalId = cell(map, fields, 'customer_external_id');
  if (!customerExternalId)
    return { ok: false, field: 'customer_external_id', reason: 'missing customer_external_id' };
  const raw: Record<string, unknown> = {};
  for (const [column, key] of COLUMNS) {
    const v = cell(map, fields, column);
    if (v === null) continue;
    raw[key] = v === '-' ? null : normalized(column, v);
  }
  const checked = DemographicsPatch.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const key = String(issue.path[0]);
    const column = COLUMNS.find(([, k]) => k === key)?.[0] ?? null;
    return {
      ok: false,
      field: column,
      reason: `invalid ${column} "${clip(String(raw[key]))}": ${issue.message}`,
    };
  }
  const row: DemographicsRow = { customerExternalId, patch: checked.data };
  const birth = cell(map, fields, 'birth_date');
  if (birth === '-') row.birthDate = null;
  else if (birth !== null) {
    const d = parseDate(birth);
    if (!d.ok) return { ok: false, field: 'birth_date', reason: d.reason };
    row.birthDate = d.value;
  }
  return { ok: true, row };
}

export const DEMOGRAPHICS_CSV: RowFormat<DemographicsRow> = {
  spec: {
    known: [
      'customer_external_id',
      'sex',
      'birth_date',
      'income_band',
      'education',
      'household_size',
      'region',
    ],
    required: ['customer_external_id'],
  },
  parse,
  commit: (deps, rows) =>
    deps.db.transaction().execute(async (trx) => {
      const { known, errors } = await withCustomers(trx, rows);
      await upsertDemographics(
        inTrx(deps, trx),
        known.map((r) => ({ customerId: r.customerId, patch: r.row.patch })),
      );
      const births = known.filter((r) => r.row.birthDate !== undefined);
      if (births.length > 0) {
        await sql`update customer c set birth_date = t.birth_date::date, updated_at = now()
          from unnest(${births.map((b) => b.customerId)}::uuid[], ${births.map((b) => b.row.birthDate ?? null)}::text[])
            as t(id, birth_date)
          where c.id = t.id`.execute(trx);
      }
      return { imported: known.length, errors };
    }),
};
