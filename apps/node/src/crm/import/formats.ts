// The three CSV formats (customers, purchases, interactions): header specs and row -> domain input parsers.
import { ID_TYPE_REGISTRY, ID_TYPES, type IdType } from '@concord/identity';
import type { ImportKind } from '../../db/tables/crm.table.ts';
import type { CustomerInput } from '../customers/upsert-customers.ts';
import type { InteractionInput } from '../history/upsert-interactions.ts';
import type { PurchaseInput } from '../history/upsert-purchases.ts';
import type { IdentifierInput, IdentifierReader, ReadIdentifier } from '../identifiers/read.ts';
import { attributesOf, cell, type HeaderMap, type HeaderSpec } from './header.ts';
import { parseAmount, parseCountry, parseDate, parsePositiveInt, parseTimestamp } from './values.ts';

/** Something about a row that landed anyway: an identifier kept as invalid, a region inferred, an odd number. */
export interface RowWarning {
  field: string;
  code: 'invalid_identifier' | 'region_from_default' | 'implausible_for_country';
  reason: string;
}

export type RowResult<T> =
  | { ok: true; row: T; warnings?: RowWarning[] }
  | { ok: false; field: string | null; reason: string };

export const SPECS: Record<ImportKind, HeaderSpec> = {
  customers: {
    known: [
      'external_id',
      'first_name',
      'last_name',
      'street',
      'postal_code',
      'city',
      'country',
      'birth_date',
    ],
    required: ['external_id'],
    // One column family per registered id type (`email`, `email_2`…); for a regional type (phone) also
    // `phone_country` (and `phone_country_2`…): the country of the n-th phone column, when it differs.
    repeatable: [...ID_TYPES, ...ID_TYPES.filter((t) => ID_TYPE_REGISTRY[t].regional).map(countryColumn)],
  },
  purchases: {
    known: [
      'external_id',
      'customer_external_id',
      'product',
      'category',
      'price',
      'quantity',
      'purchased_at',
      'supplier',
      'brand',
      'cost',
    ],
    required: ['external_id', 'customer_external_id', 'product', 'price', 'purchased_at'],
  },
  interactions: {
    known: [
      'external_id',
      'customer_external_id',
      'kind',
      'occurred_at',
      'closed_at',
      'product',
      'outcome',
      'channel',
      'direction',
      'summary',
    ],
    required: ['external_id', 'customer_external_id', 'kind', 'occurred_at'],
  },
};

const MAX_ID = 200;

function fail(field: string | null, reason: string): { ok: false; field: string | null; reason: string } {
  return { ok: false, field, reason };
}

function requireId(map: HeaderMap, fields: string[], name: string): RowResult<string> {
  const v = cell(map, fields, name);
  if (v === null) return fail(name, `missing ${name}`);
  if (v.length > MAX_ID) return fail(name, `${name} longer than ${MAX_ID} characters`);
  return { ok: true, row: v };
}

function widthError(map: HeaderMap, fields: string[]): RowResult<never> | null {
  return fields.length === map.width
    ? null
    : fail(null, `expected ${map.width} columns, found ${fields.length}`);
}

export function parseCustomerRow(
  map: HeaderMap,
  fields: string[],
  readIdentifier: IdentifierReader,
  defaultRegion?: string,
): RowResult<CustomerInput> {
  const width = widthError(map, fields);
  if (width) return width;
  const id = requireId(map, fields, 'external_id');
  if (!id.ok) return id;
  const row: CustomerInput = { externalId: id.row, attributes: attributesOf(map, fields) };
  for (const [name, key] of [
    ['first_name', 'firstName'],
    ['last_name', 'lastName'],
    ['street', 'street'],
    ['postal_code', 'postalCode'],
    ['city', 'city'],
  ] as const) {
    if (map.index.has(name)) row[key] = cell(map, fields, name);
  }
  if (map.index.has('country')) {
    const raw = cell(map, fields, 'country');
    if (raw === null) row.country = null;
    else {
      const c = parseCountry(raw);
      if (!c.ok) return fail('country', c.reason);
      row.country = c.value;
    }
  }
  if (map.index.has('birth_date')) {
    const raw = cell(map, fields, 'birth_date');
    if (raw === null) row.birthDate = null;
    else {
      const d = parseDate(raw);
      if (!d.ok) return fail('birth_date', d.reason);
      row.birthDate = d.value;
    }
  }
  const warnings: RowWarning[] = [];
  for (const idType of ID_TYPES) {
    const columns = map.repeated.get(idType);
    if (!columns) continue;
    const countries = ID_TYPE_REGISTRY[idType].regional
      ? (map.repeated.get(countryColumn(idType)) ?? [])
      : [];
    const values: IdentifierInput[] = [];
    columns.forEach((i, n) => {
      const raw = fields[i]?.trim();
      if (!raw) return;
      const country = countries[n] === undefined ? null : fields[countries[n]]?.trim() || null;
      const read = readIdentifier(idType, { value: raw, country }, row.country ?? null);
      warnings.push(...identifierWarnings(idType, i + 1, read, defaultRegion));
      values.push(country ? { value: raw, country } : raw);
    });
    row.identifiers = { ...row.identifiers, [idType]: values };
  }
  return warnings.length > 0 ? { ok: true, row, warnings } : { ok: true, row };
}

/** The CSV column with the country of a regional identifier (`phone_country`). */
function countryColumn(idType: IdType): string {
  return `${idType}_country`;
}

/** What the import reports about one identifier that is stored anyway. */
function identifierWarnings(
  idType: IdType,
  column: number,
  read: ReadIdentifier,
  defaultRegion: string | undefined,
): RowWarning[] {
  if (read.status === 'invalid') {
    const implausible =
      read.validInDefault !== null
        ? [
            {
              field: idType,
              code: 'implausible_for_country' as const,
              reason: `${idType} in column ${column} is not a number of ${read.region} (the ${read.regionSource}'s country) but is valid in ${defaultRegion} (node default region)`,
            },
          ]
        : [];
    return [
      {
        field: idType,
        code: 'invalid_identifier',
        reason: `invalid ${idType} in column ${column} (${read.reason}): kept as given, not published`,
      },
      ...implausible,
    ];
  }
  if (read.regionSource === 'default') {
    return [
      {
        field: idType,
        code: 'region_from_default',
        reason: `${idType} in column ${column} read in ${read.region} (node default region: the row has no country)`,
      },
    ];
  }
  return [];
}

export function parsePurchaseRow(map: HeaderMap, fields: string[]): RowResult<PurchaseInput> {
  const width = widthError(map, fields);
  if (width) return width;
  const id = requireId(map, fields, 'external_id');
  if (!id.ok) return id;
  const customer = requireId(map, fields, 'customer_external_id');
  if (!customer.ok) return customer;
  const product = cell(map, fields, 'product');
  if (product === null) return fail('product', 'missing product');
  const priceRaw = cell(map, fields, 'price');
  if (priceRaw === null) return fail('price', 'missing price');
  const price = parseAmount(priceRaw);
  if (!price.ok) return fail('price', price.reason);
  const whenRaw = cell(map, fields, 'purchased_at');
  if (whenRaw === null) return fail('purchased_at', 'missing purchased_at');
  const when = parseTimestamp(whenRaw);
  if (!when.ok) return fail('purchased_at', when.reason);
  let quantity = 1;
  const qtyRaw = cell(map, fields, 'quantity');
  if (qtyRaw !== null) {
    const q = parsePositiveInt(qtyRaw);
    if (!q.ok) return fail('quantity', q.reason);
    quantity = q.value;
  }
  let cost: string | null = null;
  const costRaw = cell(map, fields, 'cost');
  if (costRaw !== null) {
    const c = parseAmount(costRaw);
    if (!c.ok) return fail('cost', c.reason);
    cost = c.value;
  }
  return {
    ok: true,
    row: {
      externalId: id.row,
      customerExternalId: customer.row,
      product,
      category: cell(map, fields, 'category'),
      price: price.value,
      quantity,
      purchasedAt: when.value,
      attributes: attributesOf(map, fields),
      supplier: cell(map, fields, 'supplier'),
      brand: cell(map, fields, 'brand'),
      cost,
    },
  };
}

export function parseInteractionRow(map: HeaderMap, fields: string[]): RowResult<InteractionInput> {
  const width = widthError(map, fields);
  if (width) return width;
  const id = requireId(map, fields, 'external_id');
  if (!id.ok) return id;
  const customer = requireId(map, fields, 'customer_external_id');
  if (!customer.ok) return customer;
  const kind = cell(map, fields, 'kind');
  if (kind !== 'service_case' && kind !== 'contact')
    return fail('kind', `invalid kind "${kind ?? ''}" (expected service_case or contact)`);
  const occurredRaw = cell(map, fields, 'occurred_at');
  if (occurredRaw === null) return fail('occurred_at', 'missing occurred_at');
  const occurred = parseTimestamp(occurredRaw);
  if (!occurred.ok) return fail('occurred_at', occurred.reason);
  let closedAt: Date | null = null;
  const closedRaw = cell(map, fields, 'closed_at');
  if (closedRaw !== null) {
    if (kind !== 'service_case') return fail('closed_at', 'closed_at is only for service cases');
    const closed = parseTimestamp(closedRaw);
    if (!closed.ok) return fail('closed_at', closed.reason);
    if (closed.value < occurred.value) return fail('closed_at', 'closed_at is before occurred_at');
    closedAt = closed.value;
  }
  const direction = cell(map, fields, 'direction');
  if (direction !== null && direction !== 'inbound' && direction !== 'outbound')
    return fail('direction', `invalid direction "${direction}" (expected inbound or outbound)`);
  return {
    ok: true,
    row: {
      externalId: id.row,
      customerExternalId: customer.row,
      kind,
      occurredAt: occurred.value,
      closedAt,
      product: cell(map, fields, 'product'),
      outcome: cell(map, fields, 'outcome'),
      channel: cell(map, fields, 'channel'),
      direction,
      summary: cell(map, fields, 'summary'),
      attributes: attributesOf(map, fields),
    },
  };
}
