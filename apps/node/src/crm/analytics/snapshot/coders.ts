// Dimensions as dense integer codes over the snapshot: code 0 is "(unknown)", the raw key of every other code is
// the text the SQL version grouped on (price bands: the width_bucket number; periods: the period's first day).
import { AGE_BANDS, AGE_LOWER } from '../../demographics/fields.ts';
import { type Dimension, UNKNOWN } from '../dimensions.ts';
import type { Period } from '../filters.ts';
import {
  CUSTOMER_FIELDS,
  type CustomerField,
  PURCHASE_FIELDS,
  type PurchaseField,
  type Snapshot,
} from './store.ts';

export interface Coder {
  /** Customer-level coders are read by customer slot, purchase-level ones by purchase row. */
  level: 'customer' | 'purchase';
  card: number;
  codes: (i: number) => number;
  raw: (code: number) => string;
}

const DAY_MS = 86_400_000;

/** UTC day number of the first day of the period containing `day` (date_trunc in UTC; weeks start on Monday). */
export function periodStart(period: Period, day: number): number {
  if (period === 'day') return day;
  if (period === 'week') return day - ((((day + 3) % 7) + 7) % 7); // day 0 (1970-01-01) was a Thursday
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const month = period === 'month' ? m : period === 'quarter' ? m - (m % 3) : 0;
  return Date.UTC(y, month, 1) / DAY_MS;
}

export const dayKey = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

function periodCoder(snap: Snapshot, period: Period, column: Float64Array): Coder {
  const lo = Number.isFinite(snap.minDay) ? snap.minDay : 0;
  const span = Number.isFinite(snap.maxDay) ? snap.maxDay - lo + 1 : 0;
  const byDay = new Int32Array(span);
  const keys: string[] = [UNKNOWN];
  let prev = Number.NaN;
  for (let i = 0; i < span; i++) {
    const start = periodStart(period, lo + i);
    if (start !== prev) keys.push(dayKey(start));
    prev = start;
    byDay[i] = keys.length - 1;
  }
  return {
    level: 'purchase',
    card: keys.length,
    codes: (i) => byDay[Math.floor(column[i]! / DAY_MS) - lo]!,
    raw: (c) => keys[c]!,
  };
}

/** YYYYMMDD of `asOf`'s UTC day minus `years` (Feb 29 → Feb 28 in common years, as Postgres does). */
function yearsBefore(asOf: Date, years: number): number {
  const y = asOf.getUTCFullYear() - years;
  const m = asOf.getUTCMonth() + 1;
  let d = asOf.getUTCDate();
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) d = 28;
  return y * 10000 + m * 100 + d;
}

function ageCoder(snap: Snapshot, asOf: Date): Coder {
  const today = yearsBefore(asOf, 0);
  const cutoffs = AGE_LOWER.map((n) => yearsBefore(asOf, n));
  const birth = snap.birth.data;
  return {
    level: 'customer',
    card: AGE_BANDS.length + 1,
    codes: (s) => {
      const b = birth[s]!;
      if (b < 0 || b > today) return 0;
      for (let i = cutoffs.length - 1; i >= 0; i--) if (b <= cutoffs[i]!) return i + 1;
      return 0;
    },
    raw: (c) => (c === 0 ? UNKNOWN : AGE_BANDS[c - 1]!),
  };
}

/** width_bucket(price, bands): how many band bounds are ≤ the price, compared in cents. */
function priceCoder(snap: Snapshot, bands: number[]): Coder {
  const bounds = bands.map((b) => {
    const cents = b * 100;
    return Math.abs(cents - Math.round(cents)) < 1e-6 ? Math.round(cents) : cents;
  });
  const cents = snap.pCents.data;
  return {
    level: 'purchase',
    card: bounds.length + 2,
    codes: (i) => {
      const x = cents[i]!;
      let n = 0;
      while (n < bounds.length && bounds[n]! <= x) n++;
      return n + 1;
    },
    raw: (c) => (c === 0 ? UNKNOWN : String(c - 1)),
  };
}

function dictCoder(level: Coder['level'], values: string[], column: Int32Array): Coder {
  return {
    level,
    card: values.length + 1,
    codes: (i) => column[i]! + 1,
    raw: (c) => (c === 0 ? UNKNOWN : values[c - 1]!),
  };
}

export interface CoderContext {
  asOf: Date;
  period: Period;
  bands: number[];
}

export function coderOf(
  snap: Snapshot,
  d: Dimension,
  ctx: CoderContext,
  times: Float64Array = snap.pMs.data,
): Coder {
  if (d === 'age_band') return ageCoder(snap, ctx.asOf);
  if (d === 'period') return periodCoder(snap, ctx.period, times);
  if (d === 'price_band') return priceCoder(snap, ctx.bands);
  if (d === 'household_size') {
    const hh = snap.householdSize.data;
    return {
      level: 'customer',
      card: 22,
      codes: (s) => hh[s]! + 1,
      raw: (c) => (c === 0 ? UNKNOWN : String(c - 1)),
    };
  }
  if ((CUSTOMER_FIELDS as readonly string[]).includes(d)) {
    const f = d as CustomerField;
    return dictCoder('customer', snap.dicts[f].values, snap.customer[f].data);
  }
  if ((PURCHASE_FIELDS as readonly string[]).includes(d)) {
    const f = d as PurchaseField;
    return dictCoder('purchase', snap.dicts[f].values, snap.purchase[f].data);
  }
  throw new Error(`unknown dimension ${d}`);
}

/** A constant coder for "no column dimension" (raw key ''). */
export const NONE: Coder = { level: 'customer', card: 1, codes: () => 0, raw: () => '' };

/** Codes whose raw key (or, for price bands, label) is among `values`. */
export function allowedCodes(coder: Coder, values: string[], label: (raw: string) => string): Uint8Array {
  const wanted = new Set(values);
  const out = new Uint8Array(coder.card);
  for (let c = 0; c < coder.card; c++) if (wanted.has(label(coder.raw(c)))) out[c] = 1;
  return out;
}
