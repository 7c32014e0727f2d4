// Customer trends per period: newly acquired (first purchase), active buyers, purchases and revenue.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { type Period, type PurchaseWindow, periodKey, windowConditions } from './filters.ts';
import { round2 } from './purchase-breakdown.ts';

export interface TrendPoint {
  /** Period start, YYYY-MM-DD (UTC). */
  period: string;
  /** Customers whose first purchase ever falls in the period. */
  newCustomers: number;
  /** Customers who bought in the period. */
  activeCustomers: number;
  purchases: number;
  revenue: number;
}

/** One point per period that has purchases, oldest first. */
export async function customerTrend(
  db: Kysely<Database>,
  opts: PurchaseWindow & { period: Period },
): Promise<TrendPoint[]> {
  const key = periodKey(opts.period);
  const rows = await sql<{
    period: string;
    purchases: number;
    active: number;
    revenue: number;
    new_customers: number;
  }>`
    with firsts as (
      select customer_id, min(purchased_at) as first_at from purchase group by customer_id
    )
    select ${key} as period, count(*)::int as purchases, count(distinct p.customer_id)::int as active,
           coalesce(sum(p.price), 0)::float8 as revenue,
           count(distinct p.customer_id) filter (where p.purchased_at = f.first_at)::int as new_customers
    from purchase p
    join customer c on c.id = p.customer_id
    join firsts f on f.customer_id = p.customer_id
    where ${windowConditions(opts)}
    group by 1 order by 1`.execute(db);
  return rows.rows.map((r) => ({
    period: r.period,
    newCustomers: r.new_customers,
    activeCustomers: r.active,
    purchases: r.purchases,
    revenue: round2(r.revenue),
  }));
}
