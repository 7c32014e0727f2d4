// Name search keys: folded "first last" and "last first", written whenever a customer's names change.
import { foldText } from '@concord/identity';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';

export function nameKeys(first: string | null, last: string | null): { name: string; rev: string } {
  const f = foldText(first ?? '');
  const l = foldText(last ?? '');
  return { name: `${f} ${l}`.trim(), rev: `${l} ${f}`.trim() };
}

/** Recomputes the keys of the given customers (or of every customer without keys when `ids` is null). */
export async function refreshNameKeys(db: Kysely<Database>, ids: string[] | null): Promise<number> {
  if (ids !== null && ids.length === 0) return 0;
  let q = db.selectFrom('customer').select(['id', 'first_name', 'last_name']);
  q = ids === null ? q.where('search_name', 'is', null).limit(10_000) : q.where('id', 'in', ids);
  const rows = await q.execute();
  if (rows.length === 0) return 0;
  const keys = rows.map((r) => nameKeys(r.first_name, r.last_name));
  await sql`
    update customer c set search_name = t.name, search_rev = t.rev
    from unnest(${rows.map((r) => r.id)}::uuid[], ${keys.map((k) => k.name)}::text[],
      ${keys.map((k) => k.rev)}::text[]) as t(id, name, rev)
    where c.id = t.id and (c.search_name, c.search_rev) is distinct from (t.name, t.rev)`.execute(db);
  return rows.length;
}
