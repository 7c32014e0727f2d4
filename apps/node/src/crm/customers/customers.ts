// Customer records for the console: search, read with identifiers, create/edit, soft delete and restore.
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Customer } from '../../db/tables/crm.table.ts';
import { type CustomerInput, upsertCustomers } from './upsert-customers.ts';

export interface CustomerView {
  id: string;
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  birthDate: string | null;
  attributes: Record<string, unknown>;
  emails: string[];
  phones: string[];
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export interface CustomerListItem {
  id: string;
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  city: string | null;
  country: string | null;
  primaryEmail: string | null;
  deletedAt: Date | null;
}

/** birth_date comes back as a Date (pg) or string (PGlite); the API speaks YYYY-MM-DD. */
export function dateText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const y = value.getFullYear();
    const m = String(value.getMonth() + 1).padStart(2, '0');
    const d = String(value.getDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }
  return String(value).slice(0, 10);
}

/**
 * Pages customers by id (a stable keyset cursor). `search` matches external id, names
 * (case-insensitive prefix) or an email address (exact, case-insensitive).
 */
export async function listCustomers(
  db: Kysely<Database>,
  opts: { search?: string; country?: string; includeDeleted?: boolean; limit: number; after?: string },
): Promise<{ items: CustomerListItem[]; nextCursor: string | null }> {
  let q = db
    .selectFrom('customer as c')
    .select((eb) => [
      'c.id',
      'c.external_id',
      'c.first_name',
      'c.last_name',
      'c.city',
      'c.country',
      'c.deleted_at',
      eb
        .selectFrom('customer_email as e')
        .select('e.raw')
        .whereRef('e.customer_id', '=', 'c.id')
        .orderBy('e.position')
        .limit(1)
        .as('primary_email'),
    ])
    .orderBy('c.id')
    .limit(opts.limit + 1);
  if (!opts.includeDeleted) q = q.where('c.deleted_at', 'is', null);
  if (opts.country) q = q.where('c.country', '=', opts.country.toUpperCase());
  if (opts.after) q = q.where('c.id', '>', opts.after);
  const search = opts.search?.trim();
  if (search) {
    const prefix = `${search.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('c.external_id', '=', search),
        eb(sql`lower(c.last_name)`, 'like', prefix),
        eb(sql`lower(c.first_name)`, 'like', prefix),
        eb(
          'c.id',
          'in',
          eb.selectFrom('customer_email').select('customer_id').where('lower', '=', search.toLowerCase()),
        ),
      ]),
    );
  }
  const rows = await q.execute();
  const page = rows.slice(0, opts.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      externalId: r.external_id,
      firstName: r.first_name,
      lastName: r.last_name,
      city: r.city,
      country: r.country,
      primaryEmail: r.primary_email,
      deletedAt: r.deleted_at,
    })),
    nextCursor: rows.length > opts.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** One customer with emails and phones; deleted customers are visible (so they can be restored). */
export async function getCustomer(db: Kysely<Database>, id: string): Promise<CustomerView> {
  const c = await db.selectFrom('customer').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw new ConcordError('NOT_FOUND', 'no such customer');
  const [emails, phones] = await Promise.all([
    db.selectFrom('customer_email').select('raw').where('customer_id', '=', id).orderBy('position').execute(),
    db.selectFrom('customer_phone').select('raw').where('customer_id', '=', id).orderBy('position').execute(),
  ]);
  return toView(
    c,
    emails.map((e) => e.raw),
    phones.map((p) => p.raw),
  );
}

/** NOT_FOUND unless the customer exists and is not soft-deleted: the check before attaching history to it. */
export async function assertActiveCustomer(db: Kysely<Database>, id: string): Promise<void> {
  const customer = await db
    .selectFrom('customer')
    .select('id')
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!customer) throw new ConcordError('NOT_FOUND', 'no such customer');
}

function toView(c: Customer, emails: string[], phones: string[]): CustomerView {
  return {
    id: c.id,
    externalId: c.external_id,
    firstName: c.first_name,
    lastName: c.last_name,
    street: c.street,
    postalCode: c.postal_code,
    city: c.city,
    country: c.country,
    birthDate: dateText(c.birth_date),
    attributes: c.attributes,
    emails,
    phones,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    deletedAt: c.deleted_at,
  };
}

/** Creates one customer; CONFLICT when the external id is taken. */
export async function createCustomer(db: Kysely<Database>, input: CustomerInput): Promise<CustomerView> {
  return db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('customer')
      .select('id')
      .where('external_id', '=', input.externalId)
      .executeTakeFirst();
    if (exists) throw new ConcordError('CONFLICT', `external id ${input.externalId} is already used`);
    await upsertCustomers(trx, [input]);
    const row = await trx
      .selectFrom('customer')
      .select('id')
      .where('external_id', '=', input.externalId)
      .executeTakeFirstOrThrow();
    return getCustomer(trx, row.id);
  });
}

/** Edits a customer (fields left undefined are kept). */
export async function updateCustomer(
  db: Kysely<Database>,
  id: string,
  patch: Omit<CustomerInput, 'externalId'>,
): Promise<CustomerView> {
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('customer').select('external_id').where('id', '=', id).executeTakeFirst();
    if (!c) throw new ConcordError('NOT_FOUND', 'no such customer');
    await upsertCustomers(trx, [{ ...patch, externalId: c.external_id }]);
    return getCustomer(trx, id);
  });
}

/** Soft delete (`deleted`) or restore; the customer drops out of lists, segments and analytics while deleted. */
export async function setCustomerDeleted(
  db: Kysely<Database>,
  id: string,
  deleted: boolean,
  now: Date,
): Promise<CustomerView> {
  const row = await db
    .updateTable('customer')
    .set({ deleted_at: deleted ? now : null, updated_at: now })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such customer');
  return getCustomer(db, id);
}
