// Parsers for CSV cell values (dates, timestamps, amounts, countries): each returns the value or an error reason.
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DECIMAL = /^-?\d{1,12}(?:\.\d{1,2})?$/;
const INTEGER = /^-?\d{1,9}$/;
const COUNTRY = /^[A-Za-z]{2}$/;

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** A calendar date `YYYY-MM-DD` (kept as text; Postgres stores it as `date`). */
export function parseDate(raw: string): Parsed<string> {
  const m = DATE.exec(raw);
  if (!m || !validDay(Number(m[1]), Number(m[2]), Number(m[3])))
    return { ok: false, reason: `invalid date "${clip(raw)}" (expected YYYY-MM-DD)` };
  return { ok: true, value: raw };
}

/** `YYYY-MM-DD`, or ISO 8601 date-time with optional offset (UTC when none), as a Date. */
export function parseTimestamp(raw: string): Parsed<Date> {
  const m = TIMESTAMP.exec(raw);
  const bad = {
    ok: false as const,
    reason: `invalid date "${clip(raw)}" (expected ISO 8601, e.g. 2026-03-01 or 2026-03-01T12:30:00Z)`,
  };
  if (!m) return bad;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  if (!validDay(Number(y), Number(mo), Number(d))) return bad;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return bad;
  let ms = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(frac.padEnd(3, '0').slice(0, 3)),
  );
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return { ok: true, value: new Date(ms) };
}

/** A non-negative amount with at most 2 decimals (`1234.5`). */
export function parseAmount(raw: string): Parsed<string> {
  if (!DECIMAL.test(raw) || raw.startsWith('-'))
    return { ok: false, reason: `invalid amount "${clip(raw)}" (expected e.g. 1234.50)` };
  return { ok: true, value: raw };
}

/** A positive integer (quantities). */
export function parsePositiveInt(raw: string): Parsed<number> {
  const n = Number(raw);
  if (!INTEGER.test(raw) || n < 1)
    return { ok: false, reason: `invalid quantity "${clip(raw)}" (expected a positive integer)` };
  return { ok: true, value: n };
}

/** ISO 3166-1 alpha-2, upper-cased. */
export function parseCountry(raw: string): Parsed<string> {
  if (!COUNTRY.test(raw))
    return { ok: false, reason: `invalid country "${clip(raw)}" (expected ISO 3166-1 alpha-2, e.g. DE)` };
  return { ok: true, value: raw.toUpperCase() };
}

/** Keeps error messages short when a cell is huge. */
export function clip(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}
