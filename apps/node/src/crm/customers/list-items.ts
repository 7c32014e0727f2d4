// The customer row every list shows (name, primary email and phone, city): one select, one mapping.
import { formatPhoneInternational } from '@concord/identity';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

export interface CustomerListItem {
  id: string;
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  city: string | null;
  country: string | null;
  primaryEmail: string | null;
  /** First valid phone, in international format. */
  primaryPhone: string | null;
  deletedAt: Date | null;
  /** Search rank when the list answers a search (higher = better), else null. */
  rank: number | null;
}

/** `customer as c` with the list columns (first email as given, first valid phone normalized). */
export function selectListItems(db: Kysely<Database>) {
  return db
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
        .selectFrom('customer_identifier as e')
        .select('e.raw')
        .whereRef('e.customer_id', '=', 'c.id')
        .where('e.id_type', '=', 'email')
        .orderBy('e.position')
        .limit(1)
        .as('primary_email'),
      eb
        .selectFrom('customer_identifier as p')
        .select('p.normalized')
        .whereRef('p.customer_id', '=', 'c.id')
        .where('p.id_type', '=', 'phone')
        .where('p.status', '=', 'valid')
        .orderBy('p.position')
        .limit(1)
        .as('primary_phone'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectListItems>['execute']>>[number];

export function toListItem(r: Row, rank: number | null): CustomerListItem {
  return {
    id: r.id,
    externalId: r.external_id,
    firstName: r.first_name,
    lastName: r.last_name,
    city: r.city,
    country: r.country,
    primaryEmail: r.primary_email,
    primaryPhone: r.primary_phone ? formatPhoneInternational(r.primary_phone) : null,
    deletedAt: r.deleted_at,
    rank,
  };
}
