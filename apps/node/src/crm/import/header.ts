// Maps a CSV header to known columns, repeatable columns (email, email_2…) and free attributes.
export interface HeaderSpec {
  known: readonly string[];
  required: readonly string[];
  /** Columns that may repeat as `name`, `name_2`, `name_3`… (emails, phones). */
  repeatable?: readonly string[];
}

export interface HeaderMap {
  /** Column index per known column name. */
  index: Map<string, number>;
  /** Indexes per repeatable column, in header order. */
  repeated: Map<string, number[]>;
  /** Unknown columns: attribute key and index. */
  extra: Array<[string, number]>;
  width: number;
}

export type HeaderResult = { ok: true; map: HeaderMap } | { ok: false; reason: string };

export function mapHeader(spec: HeaderSpec, fields: string[]): HeaderResult {
  const index = new Map<string, number>();
  const repeated = new Map<string, number[]>();
  const extra: Array<[string, number]> = [];
  const seen = new Set<string>();
  for (const [i, rawName] of fields.entries()) {
    const name = rawName.trim();
    if (name === '') continue;
    const key = name.toLowerCase();
    if (seen.has(key)) return { ok: false, reason: `duplicate column "${name}" in header` };
    seen.add(key);
    const base = spec.repeatable?.find((r) => key === r || new RegExp(`^${r}_?\\d+$`).test(key));
    if (base) {
      repeated.set(base, [...(repeated.get(base) ?? []), i]);
      continue;
    }
    if (spec.known.includes(key)) index.set(key, i);
    else extra.push([name, i]);
  }
  const missing = spec.required.filter((r) => !index.has(r));
  if (missing.length > 0) return { ok: false, reason: `missing required column(s): ${missing.join(', ')}` };
  return { ok: true, map: { index, repeated, extra, width: fields.length } };
}

/** The trimmed cell of a known column, or null when the column is absent or the cell empty. */
export function cell(map: HeaderMap, fields: string[], name: string): string | null {
  const i = map.index.get(name);
  if (i === undefined) return null;
  const v = fields[i]?.trim();
  return v ? v : null;
}

/** Non-empty unknown columns as attributes. */
export function attributesOf(map: HeaderMap, fields: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, i] of map.extra) {
    const v = fields[i]?.trim();
    if (v) out[key] = v;
  }
  return out;
}
