// Column mapping: the file's own header names → the format's columns (or '' = leave the column out). Applied to the
// header line only, so the rest of the import (validation, line numbers, resume) is the same with or without it.
import { ConcordError } from '@concord/protocol/errors';
import { z } from 'zod';
import type { ImportKind } from '../../db/tables/crm.table.ts';
import { SPECS } from './formats.ts';

/** Source header (trimmed, as in the file) → target column name; '' drops the column. */
export const ColumnMapping = z
  .record(z.string().trim().min(1).max(200), z.string().trim().max(100))
  .refine((m) => Object.keys(m).length <= 200, 'at most 200 mapped columns');
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/** The header with mapped names; unmapped columns keep their name (known columns or free attributes). */
export function applyMapping(fields: string[], mapping: ColumnMapping | undefined): string[] {
  if (!mapping) return fields;
  return fields.map((f) => mapping[f.trim()] ?? f);
}

/** Columns a mapping may target for `kind`: the known ones and numbered repeatables (email, email_2, …). */
export function formatColumns(kind: ImportKind) {
  const spec = SPECS[kind];
  return { known: [...spec.known], required: [...spec.required], repeatable: [...(spec.repeatable ?? [])] };
}

/** Parses the upload route's `mapping` query parameter (JSON); a bad one is a BAD_INPUT with a plain message. */
export function parseMappingParam(raw: string | null): ColumnMapping | undefined {
  if (raw === null || raw === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConcordError('BAD_INPUT', 'mapping must be a JSON object of "file column": "target column"');
  }
  const parsed = ColumnMapping.safeParse(json);
  if (!parsed.success) {
    throw new ConcordError(
      'BAD_INPUT',
      `mapping: ${parsed.error.issues[0]?.message ?? 'not a column mapping'}`,
    );
  }
  return parsed.data;
}
