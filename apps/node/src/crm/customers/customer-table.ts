// The customer table of the console: filter, sort by a whitelisted column, page by number, with the total count.
// With a search, the ranked matches (crm/customers/search.ts, at most SEARCH_CAP) are the rows, filtered and sorted
// the same way; `relevance` keeps the search's order. Every sort column has a (column, id) btree index.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { type CustomerListItem, selectListItems, toListItem } from './list-items.ts';
import { searchCustomerIds } from './search.ts';

export const CUSTOMER_SORTS = ['name', 'externalId', 'city', 'country', 'createdAt', 'relevance'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

/** The most search matches a table shows (pages over them like over the whole base). */
export const SEARCH_CAP = 500;

const COLUMN = {
  name: 'c.search_name',
  externalId: 'c.external_id',
  city: 'c.city',
  country: 'c.country',
  createdAt: 'c.created_at',
} as const;

export interface CustomerFilters {
  country?: string | undefined;
  city?: string | undefined;
  hasEmail?: boolean | undefined;
  status?: 'active' | 'deleted' | 'all' | undefined;
}

export interface CustomerTableQuery {
  search?: string | undefined;
  filters: CustomerFilters;
  sort: CustomerSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
  defaultRegion?: string | undefined;
}

function filterWhere(f: CustomerFilters): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  const status = f.status ?? 'active';
  if (status === 'active') out.push(sql<SqlBool>`c.deleted_at is null`);
  if (status === 'deleted') out.push(sql<SqlBool>`c.deleted_at is not null`);
  if (f.country) out.push(sql<SqlBool>`c.country = ${f.country.toUpperCase()}`);
  if (f.city) out.push(sql<SqlBool>`lower(c.city) = ${f.city.trim().toLowerCase()}`);
  if (f.hasEmail !== undefined) {
    const has = sql<SqlBool>`exists (select 1 from customer_identifier i
      where i.customer_id = c.id and i.id_type = 'email' and i.status = 'valid')`;
    out.push(f.hasEmail ? has : sql<SqlBool>`not ${has}`);
  }
  return out;
}

export async function customerTable(
  db: Kysely<Database>,
  q: CustomerTableQuery,
): Promise<{ items: CustomerListItem[]; total: number; page: number; pageSize: number }> {
  const where = filterWhere(q.filters);
  let ranks: Map<string, number> | null = null;
  const search = q.search?.trim();
  if (search) {
    const hits = await searchCustomerIds(db, search, {
      defaultRegion: q.defaultRegion,
      includeDeleted: (q.filters.status ?? 'active') !== 'active',
      limit: SEARCH_CAP,
    });
    if (hits.length === 0) return { items: [], total: 0, page: 1, pageSize: q.pageSize };
    ranks = new Map(hits.map((h) => [h.id, h.rank]));
    where.push(sql<SqlBool>`c.id in (${sql.join(hits.map((h) => sql`${h.id}::uuid`))})`);
  }
  const all = sql<SqlBool>`${sql.join(where.length > 0 ? where : [sql`true`], sql` and `)}`;
  const counted = await db
    .selectFrom('customer as c')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(all)
    .executeTakeFirstOrThrow();
  const total = Number(counted.n);
  const page = Math.min(q.page, Math.max(1, Math.ceil(total / q.pageSize)));
  const rows = await selectListItems(db)
    .where(all)
    .orderBy(orderOf(q, ranks))
    .orderBy('c.id', q.dir)
    .limit(q.pageSize)
    .offset((page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => toListItem(r, ranks?.get(r.id) ?? null)),
    total,
    page,
    pageSize: q.pageSize,
  };
}

/** `relevance` = the search's rank order (without a search: by name); nulls always last. */
function orderOf(q: CustomerTableQuery, ranks: Map<string, number> | null) {
  const dir = q.dir === 'desc' ? sql`desc` : sql`asc`;
  if (q.sort === 'relevance' && ranks) {
    const ids = [...ranks.keys()];
    const pos = sql`array_position(array[${sql.join(ids.map((id) => sql`${id}::uuid`))}], c.id)`;
    // Best match first when ascending: position 1 is the highest rank.
    return sql`${pos} ${dir}`;
  }
  const column = q.sort === 'relevance' ? COLUMN.name : COLUMN[q.sort];
  return sql`${sql.ref(column)} ${dir} nulls last`;
}
