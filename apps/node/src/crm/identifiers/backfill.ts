// Completes identity data the migration could not compute: normalizes `pending` identifiers (carried over from the
// old per-type tables) in each customer's country, and fills missing name search keys. Idempotent; run at start.
import { type IdType, isIdType } from '@concord/identity';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { refreshNameKeys } from '../customers/search-keys.ts';
import { createIdentifierReader } from './read.ts';

const BATCH = 5_000;

export async function backfillIdentity(
  db: Kysely<Database>,
  defaultRegion: string | undefined,
): Promise<{ identifiers: number; names: number }> {
  const read = createIdentifierReader(defaultRegion);
  let identifiers = 0;
  for (;;) {
    const { rows } = await sql<{
      customer_id: string;
      id_type: string;
      position: number;
      raw: string;
      country: string | null;
      customer_country: string | null;
    }>`
      select i.customer_id, i.id_type, i.position, i.raw, i.country, c.country as customer_country
      from customer_identifier i join customer c on c.id = i.customer_id
      where i.status = 'pending' limit ${BATCH}`.execute(db);
    if (rows.length === 0) break;
    const items = rows.map((r) => {
      const idType: IdType = isIdType(r.id_type) ? r.id_type : 'email';
      return read(idType, { value: r.raw, country: r.country }, r.customer_country);
    });
    await sql`
      update customer_identifier i set normalized = t.normalized, status = t.status, reason = t.reason,
        region = t.region, region_source = t.source, search = t.search
      from unnest(${rows.map((r) => r.customer_id)}::uuid[], ${rows.map((r) => r.id_type)}::text[],
        ${rows.map((r) => r.position)}::int2[], ${items.map((i) => i.normalized)}::text[],
        ${items.map((i) => i.status)}::text[], ${items.map((i) => i.reason)}::text[],
        ${items.map((i) => i.region)}::text[], ${items.map((i) => i.regionSource)}::text[],
        ${items.map((i) => i.search)}::text[])
        as t(customer_id, id_type, position, normalized, status, reason, region, source, search)
      where i.customer_id = t.customer_id and i.id_type = t.id_type and i.position = t.position`.execute(db);
    identifiers += rows.length;
  }
  let names = 0;
  for (;;) {
    const n = await refreshNameKeys(db, null);
    names += n;
    if (n === 0) break;
  }
  return { identifiers, names };
}
