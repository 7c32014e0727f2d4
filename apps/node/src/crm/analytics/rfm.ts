// RFM scoring: each purchasing customer gets recency, frequency and monetary quintiles (1–5, 5 = best).
import { type Expression, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { round2 } from './purchase-breakdown.ts';

export interface RfmCell {
  recency: number;
  frequency: number;
  customers: number;
  revenue: number;
}

export const RFM_CLASSES = ['champions', 'loyal', 'new', 'at_risk', 'hibernating', 'others'] as const;
export type RfmClass = (typeof RFM_CLASSES)[number];

export interface RfmResult {
  asOf: Date;
  customers: number;
  /** Recency x frequency grid (25 cells at most) for a heat map. */
  cells: RfmCell[];
  /** Named groups for a bar chart, in RFM_CLASSES order. */
  classes: Array<{ name: RfmClass; customers: number; revenue: number }>;
}

/** The classic rules of thumb on recency (r) and frequency (f) quintiles. */
const CLASS_SQL = sql<RfmClass>`case
  when r >= 4 and f >= 4 then 'champions'
  when r >= 3 and f >= 3 then 'loyal'
  when r >= 4 and f <= 2 then 'new'
  when r <= 2 and f >= 3 then 'at_risk'
  when r <= 2 and f <= 2 then 'hibernating'
  else 'others' end`;

/**
 * Scores every (not deleted) customer with a purchase up to `asOf` in one query. With `segmentIds` (a query of
 * customer ids), only those customers are counted — still scored against the whole base, so the grid shows where
 * the segment's members sit among all customers (quintiles within the segment alone would always look uniform).
 */
export async function rfmAnalysis(
  db: Kysely<Database>,
  asOf: Date,
  segmentIds?: Expression<unknown>,
): Promise<RfmResult> {
  const scope = segmentIds ? sql`where customer_id in (${segmentIds})` : sql``;
  const rows = await sql<{ r: number; f: number; customers: number; revenue: number; class: RfmClass }>`
    with per_customer as (
      select p.customer_id, max(p.purchased_at) as last_at, count(*) as frequency, sum(p.price) as monetary
      from purchase p join customer c on c.id = p.customer_id
      where c.deleted_at is null and p.purchased_at <= ${asOf.toISOString()}::timestamptz
      group by p.customer_id
    ), scored as (
      select ntile(5) over (order by last_at, customer_id) as r,
             ntile(5) over (order by frequency, customer_id) as f,
             ntile(5) over (order by monetary, customer_id) as m,
             monetary, customer_id
      from per_customer
    )
    select r, f, ${CLASS_SQL} as class, count(*)::int as customers, sum(monetary)::float8 as revenue
    from scored ${scope} group by r, f order by r, f`.execute(db);
  const classes = new Map<RfmClass, { customers: number; revenue: number }>(
    RFM_CLASSES.map((c) => [c, { customers: 0, revenue: 0 }]),
  );
  let total = 0;
  for (const row of rows.rows) {
    const c = classes.get(row.class)!;
    c.customers += row.customers;
    c.revenue += row.revenue;
    total += row.customers;
  }
  return {
    asOf,
    customers: total,
    cells: rows.rows.map((r) => ({
      recency: r.r,
      frequency: r.f,
      customers: r.customers,
      revenue: round2(r.revenue),
    })),
    classes: RFM_CLASSES.map((name) => ({
      name,
      customers: classes.get(name)!.customers,
      revenue: round2(classes.get(name)!.revenue),
    })),
  };
}
