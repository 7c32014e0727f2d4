// Customer value: margin-aware revenue, a customer-lifetime-value estimate and profitability tiers, recomputed
// set-based into customer_value (segments and analytics read the stored tiers). Method: docs/crm.md "Customer value".
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { getAnalyticsPolicy } from '../analytics/policy.ts';

export interface ValueRefresh {
  customers: number;
  /** Share of last year's buyers (12–24 months ago) who bought again in the last 12 months. */
  retentionRate: number;
  computedAt: Date;
}

/** Margin of a purchase line: price − cost, or price × the policy's default rate when the cost is unknown. */
const MARGIN = (rate: number) => sql`coalesce(p.price - p.cost, p.price * ${rate}::numeric)`;

async function retentionRate(db: Kysely<Database>, asOf: Date): Promise<number> {
  const at = asOf.toISOString();
  const { rows } = await sql<{ before: number; kept: number }>`
    with buyers as (
      select p.customer_id,
        bool_or(p.purchased_at > ${at}::timestamptz - interval '24 months' and p.purchased_at <= ${at}::timestamptz - interval '12 months') as before,
        bool_or(p.purchased_at > ${at}::timestamptz - interval '12 months' and p.purchased_at <= ${at}::timestamptz) as recent
      from purchase p join customer c on c.id = p.customer_id and c.deleted_at is null
      where p.purchased_at > ${at}::timestamptz - interval '24 months' and p.purchased_at <= ${at}::timestamptz
      group by p.customer_id)
    select count(*) filter (where before)::int as before, count(*) filter (where before and recent)::int as kept
    from buyers`.execute(db);
  const r = rows[0]!;
  return r.before === 0 ? 0 : r.kept / r.before;
}

/** Recomputes margins, CLV and tiers for every customer as of `deps.now()`. */
export async function refreshCustomerValue(deps: Pick<Deps, 'db' | 'now'>): Promise<ValueRefresh> {
  const { db } = deps;
  const asOf = deps.now();
  const policy = await getAnalyticsPolicy(db);
  const r = await retentionRate(db, asOf);
  const d = policy.clvDiscountRate;
  // CLV = m × r / (1 + d − r): next years' margins m, kept with probability r each year, discounted at d.
  const multiplier = r / (1 + d - r);
  const at = asOf.toISOString();
  const customers = await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('customer_value').execute();
    const result = await sql`
      with per_customer as (
        select p.customer_id, sum(p.price) as revenue, sum(${MARGIN(policy.defaultMarginRate)}) as margin,
          coalesce(sum(${MARGIN(policy.defaultMarginRate)}) filter (where p.purchased_at > ${at}::timestamptz - interval '12 months'), 0) as margin_12m
        from purchase p join customer c on c.id = p.customer_id and c.deleted_at is null
        where p.purchased_at <= ${at}::timestamptz
        group by p.customer_id),
      ranked as (
        select *, row_number() over (order by margin desc, customer_id) - 1 as pos, count(*) over () as n from per_customer)
      insert into customer_value (customer_id, revenue, margin, margin_12m, clv, tier, computed_at)
      select customer_id, round(revenue, 2), round(margin, 2), round(margin_12m, 2),
        round(greatest(margin_12m, 0) * ${multiplier}::numeric, 2),
        case when pos < ceil(n * ${policy.valueTopShare}::numeric) then 'top'
             when pos >= n - floor(n * ${policy.valueTailShare}::numeric) then 'tail'
             else 'middle' end,
        ${at}::timestamptz
      from ranked`.execute(trx);
    return Number(result.numAffectedRows ?? 0);
  });
  return { customers, retentionRate: r, computedAt: asOf };
}

export interface ValueSummary {
  computedAt: Date | null;
  tiers: Array<{
    tier: 'top' | 'middle' | 'tail';
    customers: number;
    revenue: number;
    margin: number;
    clv: number;
    marginShare: number;
  }>;
}

export async function valueSummary(db: Kysely<Database>): Promise<ValueSummary> {
  const { rows } = await sql<{
    tier: 'top' | 'middle' | 'tail';
    customers: number;
    revenue: number;
    margin: number;
    clv: number;
    at: Date;
  }>`
    select v.tier, count(*)::int as customers, sum(v.revenue)::float8 as revenue, sum(v.margin)::float8 as margin,
      sum(v.clv)::float8 as clv, max(v.computed_at) as at
    from customer_value v join customer c on c.id = v.customer_id and c.deleted_at is null
    group by v.tier`.execute(db);
  const total = rows.reduce((s, r) => s + r.margin, 0);
  const order = ['top', 'middle', 'tail'] as const;
  return {
    computedAt: rows[0]?.at ?? null,
    tiers: order.map((tier) => {
      const r = rows.find((x) => x.tier === tier);
      return {
        tier,
        customers: r?.customers ?? 0,
        revenue: Math.round((r?.revenue ?? 0) * 100) / 100,
        margin: Math.round((r?.margin ?? 0) * 100) / 100,
        clv: Math.round((r?.clv ?? 0) * 100) / 100,
        marginShare: total === 0 || !r ? 0 : Math.round((r.margin / total) * 1000) / 1000,
      };
    }),
  };
}

export async function customerValue(db: Kysely<Database>, customerId: string) {
  const v = await db
    .selectFrom('customer_value')
    .selectAll()
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  if (!v) return null;
  return {
    revenue: Number(v.revenue),
    margin: Number(v.margin),
    margin12m: Number(v.margin_12m),
    clv: Number(v.clv),
    tier: v.tier,
    computedAt: v.computed_at,
  };
}
