// Analytics by acquisition channel, per month: customers acquired (first purchase in the month, attributed to the
// customer's channel), revenue (attributed to the purchase's own channel, else its customer's), repeat rate of
// the acquired, and — where a cost was entered for the month — cost per acquired customer and ROI.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { round2 } from '../analytics/purchase-breakdown.ts';
import { channelAttr, DIRECT, NO_MEDIUM } from './channel-sql.ts';

export interface ChannelRow {
  /** Month start (YYYY-MM-DD), or `all` for the whole window. */
  period: string;
  source: string;
  medium: string;
  customersAcquired: number;
  repeatCustomers: number;
  repeatRate: number | null;
  revenue: number;
  cost: number | null;
  costPerCustomer: number | null;
  roi: number | null;
}

interface Raw {
  period: string;
  source: string;
  medium: string;
  acquired: number;
  repeaters: number;
  revenue: number;
  cost: number | null;
}

function finish(r: Raw): ChannelRow {
  const cost = r.cost === null ? null : round2(Number(r.cost));
  return {
    period: r.period,
    source: r.source,
    medium: r.medium,
    customersAcquired: Number(r.acquired),
    repeatCustomers: Number(r.repeaters),
    repeatRate: Number(r.acquired) ? Number(r.repeaters) / Number(r.acquired) : null,
    revenue: round2(Number(r.revenue)),
    cost,
    costPerCustomer: cost !== null && Number(r.acquired) ? round2(cost / Number(r.acquired)) : null,
    roi: cost ? (Number(r.revenue) - cost) / cost : null,
  };
}

/** Rows per (month, channel) in [from, to), then one `all` row per channel; channels sorted by revenue. */
export async function channelAnalytics(db: Kysely<Database>, from: Date, to: Date): Promise<ChannelRow[]> {
  const month = (col: RawBuilder<unknown>) =>
    sql`to_char(date_trunc('month', ${col} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const { rows } = await sql<Raw>`
    with cust as (
      select c.id, coalesce(${channelAttr('c', 'source')}, ${DIRECT}) as source,
             coalesce(${channelAttr('c', 'medium')}, ${NO_MEDIUM}) as medium
      from customer c where c.deleted_at is null
    ),
    firsts as (
      select p.customer_id, min(p.purchased_at) as first_at, count(*) as n from purchase p group by p.customer_id
    ),
    acquired as (
      select ${month(sql`f.first_at`)} as period, cu.source, cu.medium, count(*)::int as acquired,
             count(*) filter (where f.n >= 2)::int as repeaters
      from firsts f join cust cu on cu.id = f.customer_id
      where f.first_at >= ${from.toISOString()}::timestamptz and f.first_at < ${to.toISOString()}::timestamptz
      group by 1, 2, 3
    ),
    revenue as (
      select ${month(sql`p.purchased_at`)} as period,
             coalesce(${channelAttr('p', 'source')}, cu.source) as source,
             coalesce(${channelAttr('p', 'medium')}, cu.medium) as medium, sum(p.price)::float8 as revenue
      from purchase p join cust cu on cu.id = p.customer_id
      where p.purchased_at >= ${from.toISOString()}::timestamptz and p.purchased_at < ${to.toISOString()}::timestamptz
      group by 1, 2, 3
    ),
    costs as (
      select to_char(k.period_start, 'YYYY-MM-DD') as period, k.source, k.medium, sum(k.cost)::float8 as cost
      from channel_cost k
      where k.period_start >= ${from.toISOString().slice(0, 10)}::date and k.period_start < ${to.toISOString()}::timestamptz
      group by 1, 2, 3
    ),
    keys as (select period, source, medium from acquired union select period, source, medium from revenue
             union select period, source, medium from costs)
    select k.period, k.source, k.medium, coalesce(a.acquired, 0) as acquired, coalesce(a.repeaters, 0) as repeaters,
           coalesce(r.revenue, 0) as revenue, co.cost
    from keys k
    left join acquired a using (period, source, medium)
    left join revenue r using (period, source, medium)
    left join costs co using (period, source, medium)
    order by k.period, k.source, k.medium`.execute(db);
  const totals = new Map<string, Raw>();
  for (const r of rows) {
    const key = `${r.source}\u0000${r.medium}`;
    const t = totals.get(key) ?? { ...r, period: 'all', acquired: 0, repeaters: 0, revenue: 0, cost: null };
    t.acquired += Number(r.acquired);
    t.repeaters += Number(r.repeaters);
    t.revenue += Number(r.revenue);
    if (r.cost !== null) t.cost = (t.cost ?? 0) + Number(r.cost);
    totals.set(key, t);
  }
  const all = [...totals.values()].map(finish).sort((a, b) => b.revenue - a.revenue);
  return [...rows.map(finish), ...all];
}
