// The service desk's view of a customer for a call: products owned, the customer's open and past service cases per
// product, and how cases with the same product ended for other customers (counts only, no one else's details).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';

export interface OwnedProduct {
  product: string;
  category: string | null;
  /** Units bought (0 when the product is known only from a service case). */
  quantity: number;
  firstBought: Date | null;
  lastBought: Date | null;
  openCases: number;
  pastCases: number;
}

export interface ServiceCaseView {
  id: string;
  product: string | null;
  openedAt: Date;
  closedAt: Date | null;
  outcome: string | null;
  summary: string | null;
}

export interface ProductHistory {
  product: string;
  /** Closed cases with this product across the other customers, by outcome (most frequent first). */
  outcomes: { outcome: string; cases: number }[];
  /** Still-open cases with this product at other customers. */
  openElsewhere: number;
}

export interface ServiceDeskView {
  products: OwnedProduct[];
  /** This customer's service cases, open first, then newest first. */
  cases: ServiceCaseView[];
  sameProduct: ProductHistory[];
}

async function ownedProducts(db: Kysely<Database>, customerId: string): Promise<OwnedProduct[]> {
  const { rows } = await sql<OwnedProduct>`
    with bought as (
      select product, max(category) as category, sum(quantity)::int as quantity,
             min(purchased_at) as first_bought, max(purchased_at) as last_bought
        from purchase where customer_id = ${customerId} group by product
    ), cases as (
      select product, count(*) filter (where closed_at is null)::int as open_cases,
             count(*) filter (where closed_at is not null)::int as past_cases
        from interaction
       where customer_id = ${customerId} and kind = 'service_case' and deleted_at is null and product is not null
       group by product
    )
    select coalesce(b.product, c.product) as product, b.category, coalesce(b.quantity, 0) as quantity,
           b.first_bought as "firstBought", b.last_bought as "lastBought",
           coalesce(c.open_cases, 0) as "openCases", coalesce(c.past_cases, 0) as "pastCases"
      from bought b full join cases c on c.product = b.product
     order by coalesce(c.open_cases, 0) desc, b.last_bought desc nulls last, 1`.execute(db);
  return rows;
}

async function customerCases(db: Kysely<Database>, customerId: string): Promise<ServiceCaseView[]> {
  const rows = await db
    .selectFrom('interaction')
    .select(['id', 'product', 'occurred_at', 'closed_at', 'outcome', 'summary'])
    .where('customer_id', '=', customerId)
    .where('kind', '=', 'service_case')
    .where('deleted_at', 'is', null)
    .orderBy(sql`closed_at is null`, 'desc')
    .orderBy('occurred_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    product: r.product,
    openedAt: r.occurred_at,
    closedAt: r.closed_at,
    outcome: r.outcome,
    summary: r.summary,
  }));
}

async function sameProductHistory(
  db: Kysely<Database>,
  customerId: string,
  products: readonly string[],
): Promise<ProductHistory[]> {
  if (products.length === 0) return [];
  const { rows } = await sql<{ product: string; outcome: string | null; open: boolean; n: number }>`
    select i.product, case when i.closed_at is null then null else coalesce(i.outcome, 'closed') end as outcome,
           i.closed_at is null as open, count(*)::int as n
      from interaction i join customer c on c.id = i.customer_id and c.deleted_at is null
     where i.kind = 'service_case' and i.deleted_at is null and i.customer_id <> ${customerId}
       and i.product in (${sql.join(products)})
     group by 1, 2, 3`.execute(db);
  return products.map((product) => {
    const mine = rows.filter((r) => r.product === product);
    return {
      product,
      outcomes: mine
        .filter((r) => !r.open)
        .map((r) => ({ outcome: r.outcome ?? 'closed', cases: r.n }))
        .sort((a, b) => b.cases - a.cases || a.outcome.localeCompare(b.outcome)),
      openElsewhere: mine.filter((r) => r.open).reduce((s, r) => s + r.n, 0),
    };
  });
}

export async function serviceDesk(db: Kysely<Database>, customerId: string): Promise<ServiceDeskView> {
  const [products, cases] = await Promise.all([ownedProducts(db, customerId), customerCases(db, customerId)]);
  const sameProduct = await sameProductHistory(
    db,
    customerId,
    products.map((p) => p.product),
  );
  return { products, cases, sameProduct };
}
