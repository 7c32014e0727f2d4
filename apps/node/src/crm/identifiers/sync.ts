// Writes customers' identifier lists (set-based): each customer's list per type becomes exactly the given one.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { ReadIdentifier } from './read.ts';

export interface IdentifierList {
  customerId: string;
  idType: string;
  items: ReadIdentifier[];
  /** A new customer has nothing to remove. */
  isNew: boolean;
}

/** Upserts by (customer, type, position) and removes positions past the list's end; returns changed customers. */
export async function syncIdentifierLists(
  db: Kysely<Database>,
  lists: IdentifierList[],
): Promise<Set<string>> {
  const cols = {
    customer: [] as string[],
    type: [] as string[],
    position: [] as number[],
    raw: [] as string[],
    normalized: [] as Array<string | null>,
    status: [] as string[],
    reason: [] as Array<string | null>,
    region: [] as Array<string | null>,
    source: [] as Array<string | null>,
    country: [] as Array<string | null>,
    search: [] as string[],
  };
  const keep = { customer: [] as string[], type: [] as string[], n: [] as number[] };
  for (const list of lists) {
    list.items.forEach((it, i) => {
      cols.customer.push(list.customerId);
      cols.type.push(list.idType);
      cols.position.push(i);
      cols.raw.push(it.raw);
      cols.normalized.push(it.normalized);
      cols.status.push(it.status);
      cols.reason.push(it.reason);
      cols.region.push(it.region);
      cols.source.push(it.regionSource);
      cols.country.push(it.country);
      cols.search.push(it.search);
    });
    if (!list.isNew) {
      keep.customer.push(list.customerId);
      keep.type.push(list.idType);
      keep.n.push(list.items.length);
    }
  }
  const changed = new Set<string>();
  if (cols.customer.length > 0) {
    const result = await sql<{ customer_id: string }>`
      insert into customer_identifier as e
        (customer_id, id_type, position, raw, normalized, status, reason, region, region_source, country, search)
      select * from unnest(${cols.customer}::uuid[], ${cols.type}::text[], ${cols.position}::int2[],
        ${cols.raw}::text[], ${cols.normalized}::text[], ${cols.status}::text[], ${cols.reason}::text[],
        ${cols.region}::text[], ${cols.source}::text[], ${cols.country}::text[], ${cols.search}::text[])
      on conflict (customer_id, id_type, position) do update set raw = excluded.raw,
        normalized = excluded.normalized, status = excluded.status, reason = excluded.reason,
        region = excluded.region, region_source = excluded.region_source, country = excluded.country,
        search = excluded.search
      where (e.raw, e.normalized, e.status, e.region, e.country)
        is distinct from (excluded.raw, excluded.normalized, excluded.status, excluded.region, excluded.country)
      returning e.customer_id`.execute(db);
    for (const r of result.rows) changed.add(r.customer_id);
  }
  if (keep.customer.length > 0) {
    const removed = await sql<{ customer_id: string }>`
      delete from customer_identifier as e
      using unnest(${keep.customer}::uuid[], ${keep.type}::text[], ${keep.n}::int4[]) as k(customer_id, id_type, n)
      where e.customer_id = k.customer_id and e.id_type = k.id_type and e.position >= k.n
      returning e.customer_id`.execute(db);
    for (const r of removed.rows) changed.add(r.customer_id);
  }
  return changed;
}
