// Writes the identifier lists of upserted customers, read in each customer's country (or added, for merged aliases).
import { ID_TYPES, type IdType } from '@concord/identity';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { type CustomerInput, identifierLists } from '../customers/upsert-customers.ts';
import { createIdentifierReader, type ReadIdentifier } from './read.ts';
import { type IdentifierList, syncIdentifierLists } from './sync.ts';

/** Reads every given identifier in its customer's context and makes the stored lists equal (or a union). */
export async function writeIdentifiers(
  db: Kysely<Database>,
  rows: CustomerInput[],
  insertedIds: Set<string>,
  defaultRegion: string | undefined,
  addToStored: boolean,
): Promise<Set<string>> {
  const found = await sql<{ id: string; external_id: string; country: string | null }>`
    select id, external_id, country from customer
    where external_id = any(${rows.map((r) => r.externalId)}::text[])`.execute(db);
  const byExternal = new Map(found.rows.map((r) => [r.external_id, r]));
  const stored = addToStored
    ? await storedIdentifiers(
        db,
        found.rows.map((r) => r.id),
      )
    : null;
  const read = createIdentifierReader(defaultRegion);
  const lists: IdentifierList[] = [];
  for (const row of rows) {
    const c = byExternal.get(row.externalId);
    if (!c) continue;
    const given = identifierLists(row);
    for (const idType of ID_TYPES) {
      const list = given[idType];
      if (list === undefined) continue;
      let items = list.map((v) => read(idType, v, c.country));
      if (stored) items = union(stored.get(`${c.id}:${idType}`) ?? [], items);
      lists.push({ customerId: c.id, idType, items, isNew: insertedIds.has(c.id) });
    }
  }
  return syncIdentifierLists(db, lists);
}

/** Stored items first, then incoming ones not already there (same normalized value, or same raw when invalid). */
export function union(stored: ReadIdentifier[], incoming: ReadIdentifier[]): ReadIdentifier[] {
  const key = (i: ReadIdentifier) => i.normalized ?? `raw:${i.raw}`;
  const have = new Set(stored.map(key));
  return [...stored, ...incoming.filter((i) => !have.has(key(i)) && have.add(key(i)))];
}

/** Stored identifiers per `${customerId}:${idType}`, in position order. */
export async function storedIdentifiers(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, ReadIdentifier[]>> {
  const out = new Map<string, ReadIdentifier[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('customer_identifier')
    .selectAll()
    .where('customer_id', 'in', ids)
    .orderBy('customer_id')
    .orderBy('id_type')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const k = `${r.customer_id}:${r.id_type}`;
    const item: ReadIdentifier = {
      idType: r.id_type as IdType,
      raw: r.raw,
      normalized: r.normalized,
      status: r.status === 'valid' ? 'valid' : 'invalid',
      reason: r.reason,
      region: r.region,
      regionSource: r.region_source,
      country: r.country,
      search: r.search,
      validInDefault: null,
    };
    out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}
