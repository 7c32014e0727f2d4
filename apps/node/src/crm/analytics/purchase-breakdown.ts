// Purchases broken down by product, category, price band or period: one row per bucket, ready for a chart.
import { type Expression, type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { bandLabel } from './dimensions.ts';
import { type Period, type PurchaseWindow, periodKey, windowConditions } from './filters.ts';

export type BreakdownDimension = 'product' | 'category' | 'price_band' | 'period';

export interface BreakdownRow {
  /** Product, category, band label ("100–500", "50000+") or period start (YYYY-MM-DD). */
  key: string;
  purchases: number;
  customers: number;
  revenue: number;
  averagePrice: number;
}

export const DEFAULT_PRICE_BANDS = [0, 50, 100, 500, 1000, 5000, 10000, 50000];

export interface BreakdownOptions extends PurchaseWindow {
  dimension: BreakdownDimension;
  /** For `period`. */
  period?: Period;
  /** Ascending lower bounds of the price bands (first must be 0). */
  bands?: number[];
  /** Restrict to these customers (a compiled segment). */
  segmentIds?: Expression<unknown> | undefined;
}

/**
 * Products and categories are ordered by revenue (largest first); price bands by band; periods by time.
 * A missing category is reported as "(none)".
 */
export async function purchaseBreakdown(
  db: Kysely<Database>,
  opts: BreakdownOptions,
): Promise<BreakdownRow[]> {
  const where = windowConditions(opts, opts.segmentIds);
  const bands = opts.bands ?? DEFAULT_PRICE_BANDS;
  let key: RawBuilder<unknown>;
  let order: RawBuilder<unknown>;
  switch (opts.dimension) {
    case 'product':
      key = sql`p.product`;
      order = sql`revenue desc, key`;
      break;
    case 'category':
      key = sql`coalesce(p.category, '(none)')`;
      order = sql`revenue desc, key`;
      break;
    case 'period':
      key = periodKey(opts.period ?? 'month');
      order = sql`key`;
      break;
    case 'price_band':
      // width_bucket over the band bounds gives 1..n for prices >= bands[0].
      key = sql`width_bucket(p.price, ${bands}::numeric[])`;
      order = sql`key`;
      break;
  }
  const rows = await sql<{ key: string | number; purchases: number; customers: number; revenue: number }>`
    select ${key} as key, count(*)::int as purchases, count(distinct p.customer_id)::int as customers,
           coalesce(sum(p.price), 0)::float8 as revenue
    from purchase p join customer c on c.id = p.customer_id
    where ${where}
    group by 1 order by ${order}`.execute(db);
  return rows.rows.map((r) => ({
    key: opts.dimension === 'price_band' ? bandLabel(bands, Number(r.key)) : String(r.key),
    purchases: r.purchases,
    customers: r.customers,
    revenue: round2(r.revenue),
    averagePrice: r.purchases === 0 ? 0 : round2(r.revenue / r.purchases),
  }));
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
