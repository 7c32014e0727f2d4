// Saved views: a user's named snapshot of one console table's URL state. Every query takes the caller's scope
// (CASL `SavedView { ownerId }` as SQL), so another user's view is simply not there (NOT_FOUND, never FORBIDDEN).
import { ConcordError } from '@concord/protocol/errors';
import type { Expression, Kysely, SqlBool } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';

export interface SavedView {
  id: string;
  table: string;
  name: string;
  state: Record<string, string>;
  updatedAt: Date;
}

/** Most views one user keeps per table: the picker stays a short list. */
export const MAX_VIEWS_PER_TABLE = 50;

type Row = {
  id: string;
  table_key: string;
  name: string;
  state: Record<string, string> | string;
  updated_at: Date;
};

const toView = (r: Row): SavedView => ({
  id: r.id,
  table: r.table_key,
  name: r.name,
  state: typeof r.state === 'string' ? (JSON.parse(r.state) as Record<string, string>) : r.state,
  updatedAt: r.updated_at,
});

export async function listSavedViews(
  db: Kysely<Database>,
  table: string,
  visible: Expression<SqlBool>,
): Promise<SavedView[]> {
  const rows = await db
    .selectFrom('saved_view as v')
    .select(['v.id', 'v.table_key', 'v.name', 'v.state', 'v.updated_at'])
    .where('v.table_key', '=', table)
    .where(visible)
    .orderBy('v.name')
    .execute();
  return rows.map(toView);
}

/** Creates the view, or replaces the state of the caller's view of the same name on the same table. */
export async function saveView(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { ownerId: string; table: string; name: string; state: Record<string, string> },
): Promise<SavedView> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('saved_view')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('owner_id', '=', input.ownerId)
      .where('table_key', '=', input.table)
      .where('name', '!=', input.name)
      .executeTakeFirstOrThrow();
    if (Number(existing.n) >= MAX_VIEWS_PER_TABLE) {
      throw new ConcordError(
        'CONFLICT',
        `at most ${MAX_VIEWS_PER_TABLE} saved views per table; delete one first`,
      );
    }
    const state = JSON.stringify(input.state);
    const row = await trx
      .insertInto('saved_view')
      .values({ owner_id: input.ownerId, table_key: input.table, name: input.name, state })
      .onConflict((oc) =>
        oc.columns(['owner_id', 'table_key', 'name']).doUpdateSet({ state, updated_at: now }),
      )
      .returning(['id', 'table_key', 'name', 'state', 'updated_at'])
      .executeTakeFirstOrThrow();
    return toView(row);
  });
}

export async function deleteView(
  db: Kysely<Database>,
  id: string,
  visible: Expression<SqlBool>,
): Promise<{ id: string }> {
  const gone = await db
    .deleteFrom('saved_view as v')
    .where('v.id', '=', id)
    .where(visible)
    .returning('v.id')
    .executeTakeFirst();
  if (!gone) throw new ConcordError('NOT_FOUND', 'no such saved view');
  return { id: gone.id };
}
