// Ranked customer search: customer number, any phone format, full or partial email and domain, names in either
// order, case- and accent-insensitive. Every branch is index-driven (btree prefix, trigram) on Postgres and PGlite.
import { createContextNormalizer, foldText, ID_TYPES } from '@concord/identity';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/** Candidates read per branch before ranking: bounds the work of very common names and domains. */
const PER_BRANCH = 50;

/** Ranks: a higher one wins; the documented order in docs/crm.md. */
export const RANK = {
  customerNumber: 1000,
  identifierExact: 900,
  phoneDigits: 850,
  emailDomain: 820,
  nameExact: 800,
  namePrefix: 700,
  emailPrefix: 600,
  emailContains: 500,
  nameContains: 400,
} as const;

export interface SearchOptions {
  defaultRegion?: string | undefined;
  includeDeleted?: boolean | undefined;
  country?: string | undefined;
  limit: number;
}

export interface SearchHit {
  id: string;
  rank: number;
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

const PHONE_LIKE = /^[+\d\s().\-/]+$/;

/**
 * The branches that apply to this query, each an indexed subquery yielding (id, rank). `exactOnly` leaves out the
 * trigram substring branches: they are the expensive ones on common words, and run only when the others found
 * fewer matches than asked for.
 */
function branches(
  query: string,
  defaultRegion: string | undefined,
  exactOnly: boolean,
): RawBuilder<unknown>[] {
  const raw = query.trim();
  const folded = foldText(raw);
  const out: RawBuilder<unknown>[] = [
    sql`select id, ${RANK.customerNumber}::int as rank from customer where external_id = ${raw}`,
    sql`select customer_id, ${RANK.customerNumber}::int from customer_alias where external_id = ${raw}`,
  ];
  const read = createContextNormalizer('concord-v1', defaultRegion);
  const email = read('email', raw);
  const phone = PHONE_LIKE.test(raw) ? read('phone', raw) : null;
  const exact: RawBuilder<unknown>[] = [];
  // Exact match on any registered id type the query normalizes as (phones only when the query looks like one).
  for (const t of ID_TYPES) {
    const r = t === 'email' ? email : t === 'phone' ? phone : read(t, raw);
    if (r?.ok) exact.push(sql`(i.id_type = ${t} and i.normalized = ${r.value})`);
  }
  if (exact.length > 0) {
    out.push(sql`select i.customer_id, ${RANK.identifierExact}::int from customer_identifier i
      where i.status = 'valid' and (${sql.join(exact, sql` or `)})`);
  }
  const digits = raw.replace(/\D/g, '').replace(/^0+/, '');
  if (phone !== null && digits.length >= 6) {
    // National forms of any country end with the significant number: a suffix of the stored E.164 digits.
    out.push(sql`(select i.customer_id, ${RANK.phoneDigits}::int from customer_identifier i
      where i.id_type = 'phone' and i.search like ${`%${likeEscape(digits)}`} limit ${PER_BRANCH})`);
  }
  if (folded.length === 0 || phone !== null) return out;
  const prefix = `${likeEscape(folded)}%`;
  out.push(
    sql`(select id, ${RANK.nameExact}::int from customer
      where search_name = ${folded} or search_rev = ${folded} limit ${PER_BRANCH})`,
    sql`(select id, ${RANK.namePrefix}::int from customer
      where search_name like ${prefix} or search_rev like ${prefix} limit ${PER_BRANCH})`,
    sql`(select i.customer_id, ${RANK.emailPrefix}::int from customer_identifier i
      where i.id_type = 'email' and i.search like ${prefix} limit ${PER_BRANCH})`,
  );
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(folded)) {
    out.push(sql`(select i.customer_id, ${RANK.emailDomain}::int from customer_identifier i
      where i.id_type = 'email' and split_part(i.search, '@', 2) = ${folded} limit ${PER_BRANCH})`);
  }
  if (exactOnly) return out;
  // Substring branches need a trigram (3+ characters) to use the index.
  if (folded.length >= 3) {
    out.push(sql`(select i.customer_id, ${RANK.emailContains}::int from customer_identifier i
      where i.id_type = 'email' and i.search like ${`%${likeEscape(folded)}%`} limit ${PER_BRANCH})`);
  }
  const tokens = folded.split(' ').filter((t) => t.length >= 3);
  if (tokens.length > 0 && !folded.includes('@')) {
    const all = tokens.map((t) => sql`search_name like ${`%${likeEscape(t)}%`}`);
    out.push(sql`(select id, ${RANK.nameContains}::int from customer
      where ${sql.join(all, sql` and `)} limit ${PER_BRANCH})`);
  }
  return out;
}

/** Best matches first (rank, then name); deleted and merged customers only with `includeDeleted`. */
export async function searchCustomerIds(
  db: Kysely<Database>,
  query: string,
  opts: SearchOptions,
): Promise<SearchHit[]> {
  const exact = await rankedHits(db, branches(query, opts.defaultRegion, true), opts);
  if (exact.length >= opts.limit) return exact;
  return rankedHits(db, branches(query, opts.defaultRegion, false), opts);
}

async function rankedHits(
  db: Kysely<Database>,
  parts: RawBuilder<unknown>[],
  opts: SearchOptions,
): Promise<SearchHit[]> {
  const filters: RawBuilder<unknown>[] = [];
  if (!opts.includeDeleted) filters.push(sql`c.deleted_at is null`);
  if (opts.country) filters.push(sql`c.country = ${opts.country.toUpperCase()}`);
  const { rows } = await sql<SearchHit>`
    select c.id::text as id, h.rank
    from (select id, max(rank) as rank from (${sql.join(parts, sql` union all `)}) as b(id, rank) group by id) h
    join customer c on c.id = h.id
    ${filters.length > 0 ? sql`where ${sql.join(filters, sql` and `)}` : sql``}
    order by h.rank desc, c.search_name, c.id
    limit ${opts.limit}`.execute(db);
  return rows.map((r) => ({ id: r.id, rank: Number(r.rank) }));
}
