// Customer records for the console: search, read with identifiers, create/edit, soft delete and restore.

import { displayIdentifier, type IdType } from '@concord/identity';
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Customer } from '../../db/tables/crm.table.ts';
import type { Deps } from '../../deps.ts';
import { type CustomerListItem, selectListItems, toListItem } from './list-items.ts';
import { searchCustomerIds } from './search.ts';
import { type CustomerInput, type UpsertOptions, upsertCustomers } from './upsert-customers.ts';

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
  /** Raw values as given (what the edit form shows and sends back). */
  emails: string[];
  phones: string[];
  /** Every identifier with its status: invalid ones are kept as given with their reason (fix = edit the value). */
  identifiers: IdentifierView[];
  mergedInto: string | null;
  /** The account manager (user id) and labels; social profiles are contact channels (network + handle). */
  ownerId: string | null;
  tags: string[];
  socialProfiles: { network: string; handle: string; addedAt: Date }[];
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export type { CustomerListItem };

export interface IdentifierView {
  /** A registered id type (rows are only ever written for registered types). */
  idType: IdType;
  position: number;
  raw: string;
  normalized: string | null;
  /** How the console shows it: phones in international format, emails normalized; the raw value when invalid. */
  display: string;
  status: 'valid' | 'invalid' | 'pending';
  reason: string | null;
  region: string | null;
  regionSource: string | null;
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
 * Pages customers by id (a stable keyset cursor). With `search`, answers the best matches instead, ranked
 * (crm/customers/search.ts): one page, no cursor.
 */
export async function listCustomers(
  db: Kysely<Database>,
  opts: {
    search?: string;
    country?: string;
    includeDeleted?: boolean;
    limit: number;
    after?: string;
    defaultRegion?: string;
  },
): Promise<{ items: CustomerListItem[]; nextCursor: string | null }> {
  const search = opts.search?.trim();
  let q = selectListItems(db);
  let ranks: Map<string, number> | null = null;
  if (search) {
    const hits = await searchCustomerIds(db, search, {
      defaultRegion: opts.defaultRegion,
      includeDeleted: opts.includeDeleted,
      country: opts.country,
      limit: opts.limit,
    });
    if (hits.length === 0) return { items: [], nextCursor: null };
    ranks = new Map(hits.map((h) => [h.id, h.rank]));
    q = q.where(
      'c.id',
      'in',
      hits.map((h) => h.id),
    );
  } else {
    q = q.orderBy('c.id').limit(opts.limit + 1);
    if (!opts.includeDeleted) q = q.where('c.deleted_at', 'is', null);
    if (opts.country) q = q.where('c.country', '=', opts.country.toUpperCase());
    if (opts.after) q = q.where('c.id', '>', opts.after);
  }
  const rows = await q.execute();
  const items = rows.slice(0, opts.limit).map((r) => toListItem(r, ranks?.get(r.id) ?? null));
  if (ranks) {
    const order = [...ranks.keys()];
    items.sort((x, y) => order.indexOf(x.id) - order.indexOf(y.id));
    return { items, nextCursor: null };
  }
  return { items, nextCursor: rows.length > opts.limit ? (items.at(-1)?.id ?? null) : null };
}

/** One customer with emails and phones; deleted customers are visible (so they can be restored). */
export async function getCustomer(db: Kysely<Database>, id: string): Promise<CustomerView> {
  const c = await db.selectFrom('customer').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw new ConcordError('NOT_FOUND', 'no such customer');
  const ids = await db
    .selectFrom('customer_identifier')
    .selectAll()
    .where('customer_id', '=', id)
    .orderBy('id_type')
    .orderBy('position')
    .execute();
  const social = await db
    .selectFrom('customer_social_profile')
    .select(['network', 'handle', 'added_at as addedAt'])
    .where('customer_id', '=', id)
    .orderBy('network')
    .orderBy('handle')
    .execute();
  return toView(
    c,
    social,
    ids.map((i) => ({
      idType: i.id_type as IdType,
      position: i.position,
      raw: i.raw,
      normalized: i.normalized,
      display: displayIdentifier(i.id_type, i.normalized, i.raw),
      status: i.status,
      reason: i.reason,
      region: i.region,
      regionSource: i.region_source,
    })),
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

function toView(
  c: Customer,
  socialProfiles: CustomerView['socialProfiles'],
  identifiers: IdentifierView[],
): CustomerView {
  const rawOf = (t: string) => identifiers.filter((i) => i.idType === t).map((i) => i.raw);
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
    emails: rawOf('email'),
    phones: rawOf('phone'),
    identifiers,
    mergedInto: c.merged_into,
    ownerId: c.owner_id,
    tags: c.tags ?? [],
    socialProfiles,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    deletedAt: c.deleted_at,
  };
}

/** Creates one customer; CONFLICT when the external id is taken. */
export async function createCustomer(
  db: Kysely<Database>,
  input: CustomerInput,
  opts: UpsertOptions = {},
): Promise<CustomerView> {
  return db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('customer')
      .select('id')
      .where('external_id', '=', input.externalId)
      .executeTakeFirst();
    if (exists) throw new ConcordError('CONFLICT', `external id ${input.externalId} is already used`);
    await upsertCustomers(trx, [input], opts);
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
  opts: UpsertOptions = {},
): Promise<CustomerView> {
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('customer').select('external_id').where('id', '=', id).executeTakeFirst();
    if (!c) throw new ConcordError('NOT_FOUND', 'no such customer');
    await upsertCustomers(trx, [{ ...patch, externalId: c.external_id }], opts);
    return getCustomer(trx, id);
  });
}

/** Soft delete (`deleted`) or restore; the customer drops out of lists, segments and analytics while deleted. */
export async function setCustomerDeleted(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string; deleted: boolean },
): Promise<CustomerView> {
  const { db } = deps;
  const { id, deleted } = input;
  const now = deps.now();
  const row = await db
    .updateTable('customer')
    .set({ deleted_at: deleted ? now : null, updated_at: now })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such customer');
  return getCustomer(db, id);
}
