// Batch upsert of customers (and their identifiers) by external_id: set-based, idempotent, used by imports and seeds.
import { ID_TYPES, type IdType } from '@concord/identity';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { IdentifierInput } from '../identifiers/read.ts';
import { writeIdentifiers } from '../identifiers/write.ts';
import { uuidv7Batch } from '../ids.ts';
import { refreshNameKeys } from './search-keys.ts';

/**
 * One customer as delivered by a source system. A field left `undefined` is not touched on update;
 * `null` clears it. An identifier list when given (`identifiers[type]`, or the older `emails`/`phones`) replaces the
 * customer's list of that type (order kept, first = primary);
 * an invalid value is stored as given, flagged with its reason, and never published.
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
  /** Lists by any registered id type; a type left out is not touched. */
  identifiers?: Partial<Record<IdType, IdentifierInput[]>>;
  /** Same as `identifiers.email` (kept for existing callers). */
  emails?: IdentifierInput[];
  /** Same as `identifiers.phone` (kept for existing callers). */
  phones?: IdentifierInput[];
  /** Merged into the stored attributes (keys given here win). */
  attributes?: Record<string, unknown>;
}

export interface UpsertOptions {
  /** The node's region for national phone numbers of customers without a country (none: such numbers are invalid). */
  defaultRegion?: string | undefined;
}

export interface UpsertStats {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** The identifier lists of an input row, by type (undefined = not given: stored ones are left alone). */
export function identifierLists(row: CustomerInput): Record<IdType, IdentifierInput[] | undefined> {
  const lists = Object.fromEntries(ID_TYPES.map((t) => [t, row.identifiers?.[t]])) as Record<
    IdType,
    IdentifierInput[] | undefined
  >;
  lists.email ??= row.emails;
  lists.phone ??= row.phones;
  return lists;
}

/** Does the row give any identifier list (so the stored ones must be written)? */
export function hasIdentifierLists(row: CustomerInput): boolean {
  const lists = identifierLists(row);
  return ID_TYPES.some((t) => lists[t] !== undefined);
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
 * External ids must be unique within `input`. A row for the external id of a merged customer lands on the
 * survivor; its identifiers are then added to the survivor's, never replace them.
 */
export async function upsertCustomers(
  db: Kysely<Database>,
  input: CustomerInput[],
  opts: UpsertOptions = {},
): Promise<UpsertStats> {
  if (input.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const aliases = await survivorsOf(
    db,
    input.map((r) => r.externalId),
  );
  const total = await upsertDirect(
    db,
    input.filter((r) => !aliases.has(r.externalId)),
    opts,
    false,
  );
  // Alias rows in rounds with unique survivors (one statement cannot update a row twice).
  let rest = input
    .filter((r) => aliases.has(r.externalId))
    .map((r) => ({ ...r, externalId: aliases.get(r.externalId) as string }));
  while (rest.length > 0) {
    const seen = new Set<string>();
    const round = rest.filter((r) => !seen.has(r.externalId) && seen.add(r.externalId));
    rest = rest.filter((r) => !round.includes(r));
    const s = await upsertDirect(db, round, opts, true);
    total.inserted += s.inserted;
    total.updated += s.updated;
    total.unchanged += s.unchanged;
  }
  return total;
}

async function upsertDirect(
  db: Kysely<Database>,
  rows: CustomerInput[],
  opts: UpsertOptions,
  addIdentifiers: boolean,
): Promise<UpsertStats> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const upserted = await upsertCustomerRows(db, rows);
  const insertedIds = new Set<string>();
  const touched = new Set<string>();
  for (const r of upserted) (r.inserted ? insertedIds : touched).add(r.id);
  if (rows.some((r) => r.firstName !== undefined || r.lastName !== undefined)) {
    await refreshNameKeys(
      db,
      upserted.map((r) => r.id),
    );
  }
  if (rows.some(hasIdentifierLists)) {
    const changed = await writeIdentifiers(db, rows, insertedIds, opts.defaultRegion, addIdentifiers);
    for (const id of changed) if (!insertedIds.has(id)) touched.add(id);
  }
  return {
    inserted: insertedIds.size,
    updated: touched.size,
    unchanged: rows.length - insertedIds.size - touched.size,
  };
}

/** The customer statement: inserted and changed rows come back (unchanged ones are not written). */
async function upsertCustomerRows(
  db: Kysely<Database>,
  rows: CustomerInput[],
): Promise<Array<{ id: string; external_id: string; inserted: boolean }>> {
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
  return upserted.rows;
}

/** External id of the survivor for each given external id that is an alias of a merged customer. */
async function survivorsOf(db: Kysely<Database>, externalIds: string[]): Promise<Map<string, string>> {
  const found = await sql<{ alias: string; survivor: string }>`
    select a.external_id as alias, c.external_id as survivor
    from customer_alias a join customer c on c.id = a.customer_id
    where a.external_id = any(${externalIds}::text[])`.execute(db);
  return new Map(found.rows.map((r) => [r.alias, r.survivor]));
}

/**
 * Customer id per external id (soft-deleted customers included: imports attach history to them too); the external
 * id of a merged customer resolves to the survivor.
 */
export async function idsByExternalId(
  db: Kysely<Database>,
  externalIds: string[],
): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const found = await sql<{ id: string; external_id: string }>`
    select id, external_id from customer where external_id = any(${externalIds}::text[])
    union all
    select customer_id, external_id from customer_alias where external_id = any(${externalIds}::text[])`.execute(
    db,
  );
  return new Map(found.rows.map((r) => [r.external_id, r.id]));
}
