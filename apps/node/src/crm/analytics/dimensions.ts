// The dimensions purchases can be cut by: customer-level (demographics, country, loyalty tier, value tier) and
// purchase-level (product, category, supplier, brand, price band, period). Each maps to one SQL expression.
import { type RawBuilder, sql } from 'kysely';
import { fieldSql } from '../demographics/fields.ts';
import { type Period, periodKey } from './filters.ts';
import { type Dimension, SENSITIVE_FIELDS, type SensitiveField } from './vocabulary.ts';

export { CUSTOMER_DIMENSIONS, DIMENSIONS, type Dimension, PURCHASE_DIMENSIONS } from './vocabulary.ts';

/** Label of a missing value (no demographics on file, no category, not a member…). */
export const UNKNOWN = '(unknown)';

export function isSensitive(d: Dimension): d is SensitiveField {
  return (SENSITIVE_FIELDS as readonly string[]).includes(d);
}

export interface DimensionContext {
  asOf: Date;
  period: Period;
  /** Ascending lower bounds of the price bands. */
  bands: number[];
}

/** Tables a dimension needs joined to `purchase p join customer c`. */
export type Join = 'demographics' | 'loyalty' | 'value';

export function joinOf(d: Dimension): Join | null {
  if (d === 'loyalty_tier') return 'loyalty';
  if (d === 'value_tier') return 'value';
  if (isSensitive(d) && d !== 'age_band') return 'demographics';
  return null;
}

export const JOIN_SQL: Record<Join, RawBuilder<unknown>> = {
  demographics: sql`left join customer_demographics d on d.customer_id = c.id`,
  loyalty: sql`left join loyalty_member lm on lm.customer_id = c.id`,
  value: sql`left join customer_value cv on cv.customer_id = c.id`,
};

/** The raw SQL value of a dimension (may be null; price bands are bucket numbers). */
export function dimensionSql(d: Dimension, ctx: DimensionContext): RawBuilder<unknown> {
  if (isSensitive(d)) return fieldSql(d, ctx.asOf);
  switch (d) {
    case 'country':
      return sql`c.country`;
    case 'loyalty_tier':
      return sql`lm.tier`;
    case 'value_tier':
      return sql`cv.tier`;
    case 'period':
      return periodKey(ctx.period);
    case 'price_band':
      return sql`width_bucket(p.price, ${ctx.bands}::numeric[])::text`;
    default:
      return sql.ref(`p.${d}`);
  }
}

/** Band label as in purchaseBreakdown ("100–500", "50000+", "<0"). */
export function bandLabel(bands: number[], bucket: number): string {
  const lo = bands[bucket - 1];
  const hi = bands[bucket];
  if (lo === undefined) return `<${bands[0]}`;
  return hi === undefined ? `${lo}+` : `${lo}–${hi}`;
}

/** Display key of a raw value. */
export function labelOf(d: Dimension, raw: string | null, bands: number[]): string {
  if (raw === null) return UNKNOWN;
  return d === 'price_band' ? bandLabel(bands, Number(raw)) : raw;
}
