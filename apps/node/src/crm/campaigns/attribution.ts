// The attribution rule, as one SQL statement: a counted member converts when they bought the offered product
// (or, without a product, anything in the offered category) or won a deal for it, within `window_days` after
// their first contact (treatment) or after the launch (holdout, who are never contacted). Skipped members and
// treatment members not contacted yet are not counted.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Campaign } from '../../db/tables/marketing.table.ts';

export interface MemberOutcome {
  customer_id: string;
  grp: 'treatment' | 'holdout';
  /** Channel of the first recorded contact (treatment only). */
  channel: string | null;
  responded: boolean;
  converted_at: Date | null;
  revenue: number;
}

export async function memberOutcomes(db: Kysely<Database>, c: Campaign): Promise<MemberOutcome[]> {
  const product = c.offer_product;
  const category = c.offer_category;
  const offer = (alias: string) =>
    product
      ? sql`${sql.ref(`${alias}.product`)} = ${product}`
      : sql`${sql.ref(`${alias}.category`)} = ${category}`;
  const { rows } = await sql<Omit<MemberOutcome, 'revenue'> & { revenue: string | number }>`
    with m as (
      select cm.customer_id, cm.grp,
        case when cm.grp = 'treatment' then cm.first_contact_at else ca.launched_at end as ref_at
      from campaign_member cm join campaign ca on ca.id = cm.campaign_id
      where cm.campaign_id = ${c.id}::uuid and cm.skipped_reason is null
        and (cm.grp = 'holdout' or cm.first_contact_at is not null)
    ),
    outcomes as (
      select p.customer_id, p.purchased_at as at, p.price as amount from purchase p where ${offer('p')}
      union all
      select d.customer_id, d.closed_at, d.amount from deal d
      where d.stage = 'won' and d.purchase_id is null and d.closed_at is not null and ${offer('d')}
    ),
    conv as (
      select m.customer_id, min(o.at) as converted_at, sum(o.amount) as revenue
      from m join outcomes o on o.customer_id = m.customer_id
        and o.at >= m.ref_at and o.at < m.ref_at + make_interval(days => ${c.window_days})
      group by m.customer_id
    )
    select m.customer_id::text as customer_id, m.grp,
      (select cc.channel from campaign_contact cc where cc.campaign_id = ${c.id}::uuid
         and cc.customer_id = m.customer_id order by cc.occurred_at, cc.channel limit 1) as channel,
      exists (select 1 from campaign_contact cc where cc.campaign_id = ${c.id}::uuid
         and cc.customer_id = m.customer_id and cc.status = 'responded') as responded,
      conv.converted_at, coalesce(conv.revenue, 0) as revenue
    from m left join conv on conv.customer_id = m.customer_id
    order by m.customer_id`.execute(db);
  return rows.map((r) => ({
    ...r,
    converted_at: r.converted_at ? new Date(r.converted_at) : null,
    revenue: Number(r.revenue),
  }));
}
