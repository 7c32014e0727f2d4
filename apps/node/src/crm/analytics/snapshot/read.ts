// The snapshot's row readers: customers (with their customer-level dimensions), purchases and NPS/CSAT answers,
// each for a `where` over its table, grouped by customer as the snapshot stores them.
import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { AnswerRow, CustomerRow, PurchaseRow } from './store.ts';

type Trx = Transaction<Database>;

export async function customers(
  trx: Trx,
  where: RawBuilder<unknown>,
  limit?: number,
): Promise<CustomerRow[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select c.id, uuid_hash(c.id) as hash, c.deleted_at is not null as deleted, to_char(c.birth_date, 'YYYYMMDD')::int as birth,
      d.household_size::int as household_size, c.country, d.sex, d.income_band, d.education, d.region,
      lm.tier as loyalty_tier, cv.tier as value_tier
    from customer c left join customer_demographics d on d.customer_id = c.id
      left join loyalty_member lm on lm.customer_id = c.id left join customer_value cv on cv.customer_id = c.id
    where ${where} order by c.id ${limit ? sql`limit ${limit}` : sql``}`.execute(trx);
  return rows.map((r) => ({
    id: r.id as string,
    deleted: r.deleted as boolean,
    birth: r.birth as number | null,
    hash: r.hash as number,
    household_size: r.household_size as number | null,
    // The row itself: its country…value_tier columns are the fields (no object per row; pg gives null, never undefined).
    fields: r as CustomerRow['fields'],
  }));
}

export async function purchases(trx: Trx, where: RawBuilder<unknown>): Promise<PurchaseRow[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select customer_id, floor(extract(epoch from purchased_at) * 1000)::float8 as ms,
      (price * 100)::float8 as cents, product, category, supplier, brand
    from purchase p where ${where} order by customer_id`.execute(trx);
  return rows.map((r) => ({
    customer_id: r.customer_id as string,
    ms: r.ms as number,
    cents: r.cents as number,
    fields: r as PurchaseRow['fields'], // its product…brand columns, as for customers
  }));
}

export async function answers(trx: Trx, where: RawBuilder<unknown>): Promise<AnswerRow[]> {
  const { rows } = await sql<AnswerRow>`
    select customer_id, floor(extract(epoch from responded_at) * 1000)::float8 as ms, score::int as score, kind,
      survey_id::text as survey_id, question_key
    from survey_answer a where a.kind in ('nps', 'csat') and a.score is not null and ${where}
    order by customer_id`.execute(trx);
  return rows;
}
