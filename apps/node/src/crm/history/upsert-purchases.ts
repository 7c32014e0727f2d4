// Batch upsert of purchases by external_id, resolving customers by their external id: used by imports and seeds.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { idsByExternalId, type UpsertStats } from '../customers/upsert-customers.ts';
import { uuidv7Batch } from '../ids.ts';

export interface PurchaseInput {
  /** The company's id of the order line (idempotency key). */
  externalId: string;
  customerExternalId: string;
  product: string;
  category?: string | null;
  /** Amount paid, e.g. "1234.50" or 1234.5. */
  price: number | string;
  quantity?: number;
  purchasedAt: Date;
  attributes?: Record<string, unknown>;
  supplier?: string | null;
  brand?: string | null;
  /** What the line cost the company, e.g. "900.00" (null = unknown). */
  cost?: number | string | null;
}

export interface HistoryUpsertResult extends UpsertStats {
  /** Indexes (into the input) of rows whose customer does not exist; nothing was written for them. */
  unknownCustomers: number[];
}

/**
 * Inserts new purchases and updates changed ones; identical rows are not rewritten, so re-imports change nothing.
 * External ids must be unique within `rows`.
 */
export async function upsertPurchases(
  db: Kysely<Database>,
  rows: PurchaseInput[],
): Promise<HistoryUpsertResult> {
  const { known, unknownCustomers, customerIds } = await resolveCustomers(db, rows);
  if (known.length === 0) return { inserted: 0, updated: 0, unchanged: 0, unknownCustomers };
  const result = await sql<{ inserted: boolean }>`
    insert into purchase as p (id, external_id, customer_id, product, category, price, quantity, purchased_at, attributes, supplier, brand, cost)
    select t.id, t.external_id, t.customer_id, t.product, t.category, t.price, t.quantity, t.purchased_at, t.attributes::jsonb, t.supplier, t.brand, t.cost
    from unnest(
      ${uuidv7Batch(known.length)}::uuid[],
      ${known.map((r) => r.externalId)}::text[],
      ${customerIds}::uuid[],
      ${known.map((r) => r.product)}::text[],
      ${known.map((r) => r.category ?? null)}::text[],
      ${known.map((r) => String(r.price))}::numeric[],
      ${known.map((r) => r.quantity ?? 1)}::int4[],
      ${known.map((r) => r.purchasedAt.toISOString())}::timestamptz[],
      ${known.map((r) => JSON.stringify(r.attributes ?? {}))}::text[],
      ${known.map((r) => r.supplier ?? null)}::text[],
      ${known.map((r) => r.brand ?? null)}::text[],
      ${known.map((r) => (r.cost === undefined || r.cost === null ? null : String(r.cost)))}::numeric[]
    ) as t(id, external_id, customer_id, product, category, price, quantity, purchased_at, attributes, supplier, brand, cost)
    on conflict (external_id) do update set
      customer_id = excluded.customer_id, product = excluded.product, category = excluded.category,
      price = excluded.price, quantity = excluded.quantity, purchased_at = excluded.purchased_at,
      attributes = p.attributes || excluded.attributes,
      supplier = excluded.supplier, brand = excluded.brand, cost = excluded.cost
    where (p.customer_id, p.product, p.category, p.price, p.quantity, p.purchased_at, p.supplier, p.brand, p.cost)
        is distinct from (excluded.customer_id, excluded.product, excluded.category, excluded.price, excluded.quantity,
          excluded.purchased_at, excluded.supplier, excluded.brand, excluded.cost)
      or not (p.attributes @> excluded.attributes)
    returning (p.xmax = 0) as inserted`.execute(db);
  const inserted = result.rows.filter((r) => r.inserted).length;
  const updated = result.rows.length - inserted;
  return { inserted, updated, unchanged: known.length - result.rows.length, unknownCustomers };
}

/** Splits rows into those whose customer exists (with its id, in order) and the indexes of the others. */
export async function resolveCustomers<T extends { customerExternalId: string }>(
  db: Kysely<Database>,
  rows: T[],
): Promise<{ known: T[]; customerIds: string[]; unknownCustomers: number[] }> {
  const ids = await idsByExternalId(db, [...new Set(rows.map((r) => r.customerExternalId))]);
  const known: T[] = [];
  const customerIds: string[] = [];
  const unknownCustomers: number[] = [];
  rows.forEach((r, i) => {
    const id = ids.get(r.customerExternalId);
    if (id === undefined) unknownCustomers.push(i);
    else {
      known.push(r);
      customerIds.push(id);
    }
  });
  return { known, customerIds, unknownCustomers };
}
