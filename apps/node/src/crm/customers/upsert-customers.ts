// Batch upsert of customers (and their emails/phones) by external_id: set-based, idempotent, used by imports and seeds.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { uuidv7Batch } from '../ids.ts';

/**
 * One customer as delivered by a source system. A field left `undefined` is not touched on update;
 * `null` clears it. `emails`/`phones` when given replace the customer's list (order kept, first = primary).
 */
export interface CustomerInput {
  externalId: string;
  firstName?: string | null;
  lastName?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  /** ISO 3166-1 alpha-2. */
  country?: string | null;
  /** YYYY-MM-DD. */
  birthDate?: string | null;
  emails?: string[];
  phones?: string[];
  /** Merged into the stored attributes (keys given here win). */
  attributes?: Record<string, unknown>;
}

export interface UpsertStats {
  inserted: number;
  updated: number;
  unchanged: number;
}

const COLUMNS = [
  ['firstName', 'first_name', 'text'],
  ['lastName', 'last_name', 'text'],
  ['street', 'street', 'text'],
  ['postalCode', 'postal_code', 'text'],
  ['city', 'city', 'text'],
  ['country', 'country', 'text'],
  ['birthDate', 'birth_date', 'date'],
] as const;

/**
 * Inserts new customers and updates changed ones in a few statements per batch; rows whose values are
 * already stored are left alone (no write, no updated_at bump), so re-importing a file changes nothing.
 * External ids must be unique within `rows`.
 */
export async function upsertCustomers(db: Kysely<Database>, rows: CustomerInput[]): Promise<UpsertStats> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const present = COLUMNS.filter(([key]) => rows.some((r) => r[key] !== undefined));
  const withAttributes = rows.some((r) => r.attributes && Object.keys(r.attributes).length > 0);

  const arrays: RawBuilder<unknown>[] = [
    sql`${uuidv7Batch(rows.length)}::uuid[]`,
    sql`${rows.map((r) => r.externalId)}::text[]`,
  ];
  const names = ['id', 'external_id'];
  for (const [key, column] of present) {
    arrays.push(sql`${rows.map((r) => r[key] ?? null)}::text[]`);
    names.push(column);
  }
  if (withAttributes) {
    arrays.push(sql`${rows.map((r) => JSON.stringify(r.attributes ?? {}))}::text[]`);
    names.push('attributes');
  }
  const cast = (name: string) => {
    if (name === 'birth_date') return sql`t.birth_date::date`;
    if (name === 'attributes') return sql`t.attributes::jsonb`;
    return sql.ref(`t.${name}`);
  };
  const updatable = names.filter((n) => n !== 'external_id' && n !== 'id');
  const setList =
    updatable.length === 0
      ? sql`external_id = excluded.external_id`
      : sql.join(
          updatable.map((n) =>
            n === 'attributes'
              ? sql`attributes = c.attributes || excluded.attributes`
              : sql`${sql.ref(n)} = excluded.${sql.ref(n)}`,
          ),
        );
  const changed =
    updatable.length === 0
      ? sql`false`
      : sql.join(
          updatable.map((n) =>
            n === 'attributes'
              ? sql`not (c.attributes @> excluded.attributes)`
              : sql`c.${sql.ref(n)} is distinct from excluded.${sql.ref(n)}`,
          ),
          sql` or `,
        );

  const upserted = await sql<{ id: string; external_id: string; inserted: boolean }>`
    insert into customer as c (${sql.join(names.map((n) => sql.ref(n)))})
    select ${sql.join(names.map(cast))}
    from unnest(${sql.join(arrays)}) as t(${sql.join(names.map((n) => sql.ref(n)))})
    on conflict (external_id) do update set ${setList}, updated_at = now()
    where ${changed}
    returning c.id, c.external_id, (c.xmax = 0) as inserted`.execute(db);

  const insertedIds = new Set<string>();
  const touched = new Set<string>();
  for (const r of upserted.rows) (r.inserted ? insertedIds : touched).add(r.id);

  const withEmails = rows.some((r) => r.emails !== undefined);
  const withPhones = rows.some((r) => r.phones !== undefined);
  if (withEmails || withPhones) {
    const ids = await idsByExternalId(
      db,
      rows.map((r) => r.externalId),
    );
    if (withEmails) {
      for (const id of await syncIdentifiers(db, 'customer_email', rows, ids, (r) => r.emails, insertedIds))
        if (!insertedIds.has(id)) touched.add(id);
    }
    if (withPhones) {
      for (const id of await syncIdentifiers(db, 'customer_phone', rows, ids, (r) => r.phones, insertedIds))
        if (!insertedIds.has(id)) touched.add(id);
    }
  }
  return {
    inserted: insertedIds.size,
    updated: touched.size,
    unchanged: rows.length - insertedIds.size - touched.size,
  };
}

/** Customer id per external id (soft-deleted customers included: imports attach history to them too). */
export async function idsByExternalId(
  db: Kysely<Database>,
  externalIds: string[],
): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const found = await sql<{ id: string; external_id: string }>`
    select id, external_id from customer where external_id = any(${externalIds}::text[])`.execute(db);
  return new Map(found.rows.map((r) => [r.external_id, r.id]));
}

/** Makes each customer's stored list equal to the given one; returns ids of customers whose list changed. */
async function syncIdentifiers(
  db: Kysely<Database>,
  table: 'customer_email' | 'customer_phone',
  rows: CustomerInput[],
  ids: Map<string, string>,
  pick: (r: CustomerInput) => string[] | undefined,
  insertedIds: Set<string>,
): Promise<Set<string>> {
  const customerIds: string[] = [];
  const positions: number[] = [];
  const raws: string[] = [];
  const keepIds: string[] = [];
  const keepCounts: number[] = [];
  for (const r of rows) {
    const list = pick(r);
    const id = ids.get(r.externalId);
    if (list === undefined || id === undefined) continue;
    list.forEach((value, i) => {
      customerIds.push(id);
      positions.push(i);
      raws.push(value);
    });
    // New customers have nothing to remove.
    if (!insertedIds.has(id)) {
      keepIds.push(id);
      keepCounts.push(list.length);
    }
  }
  const changed = new Set<string>();
  if (customerIds.length > 0) {
    const isEmail = table === 'customer_email';
    const result = await sql<{ customer_id: string }>`
      insert into ${sql.table(table)} as e (customer_id, position, raw${isEmail ? sql`, lower` : sql``})
      select t.customer_id, t.position, t.raw${isEmail ? sql`, lower(btrim(t.raw))` : sql``}
      from unnest(${customerIds}::uuid[], ${positions}::int2[], ${raws}::text[]) as t(customer_id, position, raw)
      on conflict (customer_id, position) do update set raw = excluded.raw${isEmail ? sql`, lower = excluded.lower` : sql``}
      where e.raw is distinct from excluded.raw
      returning e.customer_id`.execute(db);
    for (const r of result.rows) changed.add(r.customer_id);
  }
  if (keepIds.length > 0) {
    const removed = await sql<{ customer_id: string }>`
      delete from ${sql.table(table)} as e
      using unnest(${keepIds}::uuid[], ${keepCounts}::int4[]) as k(customer_id, n)
      where e.customer_id = k.customer_id and e.position >= k.n
      returning e.customer_id`.execute(db);
    for (const r of removed.rows) changed.add(r.customer_id);
  }
  return changed;
}
