// Global search across what the caller may see: customers, segments, lists, collaborations and campaigns. Each
// kind is searched only when the caller's ability allows reading it (the caller passes which kinds are allowed).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { listCustomers } from '../customers/customers.ts';

export const SEARCH_KINDS = ['customer', 'segment', 'list', 'collaboration', 'campaign'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchResult {
  kind: SearchKind;
  id: string;
  title: string;
  /** A second line: customer number and email, a list's state, a campaign's status… */
  detail: string | null;
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

type NamedTable = 'segment' | 'audience_list' | 'collaboration' | 'campaign';

/** Names containing the text (case-insensitive), names starting with it first. */
async function byName(
  db: Kysely<Database>,
  table: NamedTable,
  q: string,
  limit: number,
  detail: ReturnType<typeof sql<string | null>>,
  alive: ReturnType<typeof sql<boolean>>,
) {
  const pattern = `%${likeEscape(q.toLowerCase())}%`;
  const prefix = `${likeEscape(q.toLowerCase())}%`;
  const { rows } = await sql<{ id: string; title: string; detail: string | null }>`
    select id::text as id, name as title, ${detail} as detail from ${sql.table(table)}
     where lower(name) like ${pattern} and ${alive}
     order by lower(name) like ${prefix} desc, lower(name), id
     limit ${limit}`.execute(db);
  return rows;
}

async function searchKind(
  db: Kysely<Database>,
  kind: SearchKind,
  q: string,
  opts: { limit: number; defaultRegion?: string | undefined },
): Promise<SearchResult[]> {
  const tag = (rows: { id: string; title: string; detail: string | null }[]) =>
    rows.map((r) => ({ kind, ...r }));
  switch (kind) {
    case 'customer': {
      const { items } = await listCustomers(db, {
        search: q,
        limit: opts.limit,
        defaultRegion: opts.defaultRegion,
      });
      return items.map((c) => ({
        kind,
        id: c.id,
        title: [c.firstName, c.lastName].filter(Boolean).join(' ') || c.externalId,
        detail: [`no. ${c.externalId}`, c.primaryEmail, c.city].filter(Boolean).join(' · '),
      }));
    }
    case 'segment':
      return tag(await byName(db, 'segment', q, opts.limit, sql`description`, sql`deleted_at is null`));
    case 'list':
      return tag(
        await byName(
          db,
          'audience_list',
          q,
          opts.limit,
          sql`case when archived_at is null then purpose else 'archived · ' || purpose end`,
          sql`deleted_at is null and status = 'ready'`,
        ),
      );
    case 'collaboration':
      return tag(await byName(db, 'collaboration', q, opts.limit, sql`status`, sql`true`));
    case 'campaign':
      return tag(await byName(db, 'campaign', q, opts.limit, sql`status`, sql`true`));
  }
}

/** Up to `limit` results per allowed kind, in the order of SEARCH_KINDS. */
export async function globalSearch(
  db: Kysely<Database>,
  q: string,
  allowed: readonly SearchKind[],
  opts: { limit: number; defaultRegion?: string | undefined },
): Promise<SearchResult[]> {
  const text = q.trim();
  if (text.length === 0) return [];
  const parts = await Promise.all(
    SEARCH_KINDS.filter((k) => allowed.includes(k)).map((k) => searchKind(db, k, text, opts)),
  );
  return parts.flat();
}
