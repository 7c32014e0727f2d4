// What the segment builder's pickers offer: the categories, products, channels, outcomes and attribute keys (with
// their values when the key is categorical) that actually occur in this node's data.

import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { compileSegment } from './compile.ts';
import type { SegmentRule } from './rule.ts';

export interface PickerOption {
  value: string;
  /** How many rows carry it (purchases, interactions or customers), for ordering and a hint in the picker. */
  count: number;
}

export interface SegmentOptions {
  categories: PickerOption[];
  products: PickerOption[];
  channels: PickerOption[];
  outcomes: PickerOption[];
  /** Attribute keys; `values` only when the key has at most MAX_ATTRIBUTE_VALUES distinct values (categorical). */
  attributes: { key: string; count: number; values: PickerOption[] | null }[];
}

const LIMIT = 200;
/** A key with more distinct values is free text (names, numbers): offering them would list personal data. */
export const MAX_ATTRIBUTE_VALUES = 30;

type Row = { value: string | null; n: number | string };
const options = (rows: Row[]): PickerOption[] =>
  rows
    .filter((r) => r.value !== null && r.value !== '')
    .map((r) => ({ value: r.value!, count: Number(r.n) }));

async function distinct(db: Kysely<Database>, query: ReturnType<typeof sql<Row>>): Promise<PickerOption[]> {
  return options((await query.execute(db)).rows);
}

async function attributeOptions(db: Kysely<Database>): Promise<SegmentOptions['attributes']> {
  const rows = await sql<{ key: string; n: string; distinct_values: string; top: string[] | null }>`
    select a.key, count(*) as n, count(distinct a.value) as distinct_values,
      case when count(distinct a.value) <= ${MAX_ATTRIBUTE_VALUES}
        then array_agg(distinct a.value) end as top
    from customer c cross join lateral jsonb_each_text(c.attributes) a
    where c.deleted_at is null
    group by a.key order by count(*) desc, a.key limit ${LIMIT}`.execute(db);
  return rows.rows.map((r) => ({
    key: r.key,
    count: Number(r.n),
    values: r.top ? r.top.filter((v) => v !== '').map((value) => ({ value, count: 0 })) : null,
  }));
}

/** Everything the pickers offer, most frequent first. */
export async function segmentOptions(db: Kysely<Database>): Promise<SegmentOptions> {
  const [categories, products, channels, outcomes, attributes] = await Promise.all([
    distinct(
      db,
      sql<Row>`select category as value, count(*) as n from purchase where category is not null
        group by category order by n desc, category limit ${LIMIT}`,
    ),
    distinct(
      db,
      sql<Row>`select product as value, count(*) as n from (
          select product from purchase union all
          select product from interaction where product is not null and deleted_at is null) p
        group by product order by n desc, product limit ${LIMIT}`,
    ),
    distinct(
      db,
      sql<Row>`select channel as value, count(*) as n from interaction
        where kind = 'contact' and channel is not null and deleted_at is null
        group by channel order by n desc, channel limit ${LIMIT}`,
    ),
    distinct(
      db,
      sql<Row>`select outcome as value, count(*) as n from interaction
        where kind = 'service_case' and outcome is not null and deleted_at is null
        group by outcome order by n desc, outcome limit ${LIMIT}`,
    ),
    attributeOptions(db),
  ]);
  return { categories, products, channels, outcomes, attributes };
}

export interface SampleMember {
  customerId: string;
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  city: string | null;
}

/** A few members of a rule right now (lowest external ids first, so the sample is stable while you type). */
export async function sampleSegment(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { rule: SegmentRule; limit: number },
): Promise<SampleMember[]> {
  const { db } = deps;
  const { rule, limit } = input;
  const rows = await db
    .selectFrom(compileSegment(db, rule, deps.now()).as('s'))
    .innerJoin('customer as c', 'c.id', 's.customer_id')
    .select(['c.id', 'c.external_id', 'c.first_name', 'c.last_name', 'c.city'])
    .orderBy('c.external_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    customerId: r.id,
    externalId: r.external_id,
    firstName: r.first_name,
    lastName: r.last_name,
    city: r.city,
  }));
}
