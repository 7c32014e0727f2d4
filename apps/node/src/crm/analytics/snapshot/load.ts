// Reading the snapshot from the database, consistently (one repeatable-read transaction per load or refresh), and
// keeping it fresh: before every analytical query the snapshot applies what changed since it last read, as logged
// by the triggers of migrations 2026_12_01_0801/0901 with each writer's transaction id: new purchases and answers
// are appended, changed customer-level rows re-read, and a customer with any other change reloaded whole.
import { type Expression, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { ruleOf } from '../../segments/compiled-rule.ts';
import { answers, customers, purchases } from './read.ts';
import { snapshotCovers } from './rule-coverage.ts';
import { ruleMask } from './rule-eval.ts';
import { cachedMembers, noteChangedCustomers, segmentMembers } from './segment-cache.ts';
import { Snapshot } from './store.ts';

type Trx = Transaction<Database>;
const PAGE = 20_000;
const RELOAD_CHUNK = 5_000;
/** A snapshot not refreshed for this long reloads in full: older change-log entries may have been pruned. */
const MAX_IDLE_MS = 12 * 3_600_000;
const PRUNE_EVERY_MS = 10 * 60_000;
/** The previous refresh, for the bench's comparison (--whole-refresh): every changed customer reloads whole. */
let wholeRefresh = false;
export const refreshCustomersWhole = (on: boolean): void => {
  wholeRefresh = on;
};

async function load(trx: Trx, snap: Snapshot, ids: string[]): Promise<void> {
  const where = (col: string) => sql`${sql.ref(col)} = any(${ids}::uuid[])`;
  snap.replace(
    ids,
    await customers(trx, where('c.id')),
    await purchases(trx, where('p.customer_id')),
    await answers(trx, where('a.customer_id')),
  );
}

/** What changed for one customer since the snapshot last read (one group of change-log entries). */
interface Change {
  id: string;
  /** Anything but the cases below: reload the customer whole. */
  whole: boolean;
  /** Its customer-level row (customer, demographics, loyalty membership, value tier) was inserted or updated. */
  row: boolean;
  /** Inserted purchases' ids; inserted answers' response ids and question keys. */
  purchases: string[] | null;
  responses: string[] | null;
  questions: string[] | null;
}

const SINCE = (seen: string) => sql`xid >= pg_snapshot_xmin(${seen}::pg_snapshot)
  and not pg_visible_in_snapshot(xid, ${seen}::pg_snapshot)`;

/**
 * The customers changed since `seen`, each with what changed (migration 2026_12_01_0901's kinds); null when more
 * than `limit` customers changed or the data was truncated (counted first: a large import logs a row per purchase).
 */
async function changes(trx: Trx, seen: string, limit: number): Promise<Change[] | null> {
  const { rows: count } = await sql<{ n: number; truncated: boolean | null }>`
    select count(distinct customer_id)::int as n, bool_or(customer_id is null) as truncated
    from analytics_change where ${SINCE(seen)}`.execute(trx);
  if (count[0]!.n > limit || count[0]!.truncated) return null;
  const { rows } = await sql<Change>`
    select customer_id::text as id, bool_or(kind = 0) as whole, bool_or(kind = 1) as row,
      array_agg(row_id::text) filter (where kind = 2) as purchases,
      array_agg(row_id::text) filter (where kind = 3) as responses,
      array_agg(row_key) filter (where kind = 3) as questions
    from analytics_change where ${SINCE(seen)} group by customer_id`.execute(trx);
  return rows;
}

/**
 * Applies the changes: customers changed otherwise than by inserts (and all of them when `whole`: right after a
 * full load, whose pages may already hold rows logged as new) reload whole; the others get their customer-level row
 * re-read and their new purchases and answers appended, read by key.
 */
async function apply(trx: Trx, snap: Snapshot, list: Change[], whole: boolean): Promise<void> {
  const reload = list.filter((c) => whole || c.whole).map((c) => c.id);
  for (let i = 0; i < reload.length; i += RELOAD_CHUNK)
    await load(trx, snap, reload.slice(i, i + RELOAD_CHUNK));
  const rest = whole ? [] : list.filter((c) => !c.whole);
  const rowIds = rest.filter((c) => c.row).map((c) => c.id);
  if (rowIds.length > 0) {
    const rows = await customers(trx, sql`c.id = any(${rowIds}::uuid[])`);
    const found = new Set(rows.map((r) => r.id));
    snap.setCustomers(rows);
    const gone = rowIds.filter((id) => !found.has(id)); // deleted since: no longer exists
    snap.replace(gone, [], [], []);
  }
  const bought = rest.flatMap((c) => c.purchases ?? []);
  const [responses, questions] = [
    rest.flatMap((c) => c.responses ?? []),
    rest.flatMap((c) => c.questions ?? []),
  ];
  if (bought.length + responses.length === 0) return;
  snap.append(
    bought.length > 0 ? await purchases(trx, sql`p.id = any(${bought}::uuid[])`) : [],
    responses.length > 0
      ? await answers(
          trx,
          sql`(a.response_id, a.question_key) in (select * from unnest(${responses}::uuid[], ${questions}::text[]))`,
        )
      : [],
  );
}

/** A repeatable-read, read-only transaction (one statement to open it). */
const readOnly = (db: Kysely<Database>) =>
  db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only');

const currentSnapshot = async (q: Kysely<Database> | Trx) =>
  (await sql<{ seen: string }>`select pg_current_snapshot()::text as seen`.execute(q)).rows[0]!.seen;

/** The page of customers after `last`, with their purchases, in one short repeatable-read transaction. */
function loadPage(db: Kysely<Database>, last: string) {
  return readOnly(db).execute(async (trx) => {
    const rows = await customers(trx, sql`c.id > ${last}::uuid`, PAGE);
    if (rows.length === 0) return null;
    const range = sql`p.customer_id between ${rows[0]!.id}::uuid and ${rows.at(-1)!.id}::uuid`;
    return { rows, purchases: await purchases(trx, range) };
  });
}

/**
 * Everything, one short transaction per page of customers (purchases by the customer index; answers in one pass),
 * so an embedded database's single connection is not held for the whole load. Returns the database snapshot taken
 * before the first page: every change not visible in it is in the change log, and the catch-up that follows every
 * load reloads those customers, so the pages' different read times never show.
 */
async function loadAll(db: Kysely<Database>): Promise<{ snap: Snapshot; seen: string }> {
  const snap = new Snapshot();
  const seen = await currentSnapshot(db);
  // The next page is read while this one is stored: the database works while JavaScript copies into columns.
  let next = loadPage(db, '00000000-0000-0000-0000-000000000000');
  for (;;) {
    const page = await next;
    if (!page) break;
    next = loadPage(db, page.rows.at(-1)!.id);
    snap.replace([], page.rows, page.purchases, []);
  }
  const all = await db.transaction().execute((trx) => answers(trx, sql`true`));
  snap.replace([], [], [], all);
  return { snap, seen };
}

interface State {
  snapshot: Snapshot | null;
  /** The database snapshot (pg_snapshot text) the data was read in. */
  seen: string;
  refreshedAt: number;
  prunedAt: number;
  queue: Promise<unknown>;
}

const states = new WeakMap<Kysely<Database>, State>();

export interface Fresh {
  snapshot: Snapshot;
  /** Per slot, 1 for the segment's members (when a segment was given), read in the same database snapshot. */
  members?: Uint8Array | undefined;
}

/** The database snapshot now and the customers changed since `seen` (null: a truncate), in one statement. */
async function changesSince(
  q: Kysely<Database> | Trx,
  seen: string,
): Promise<{ seen: string; changed: Array<string | null> }> {
  const { rows } = await sql<{ seen: string; changed: Array<string | null> | null }>`
    select pg_current_snapshot()::text as seen, (select array_agg(distinct customer_id::text) from analytics_change
      where xid >= pg_snapshot_xmin(${seen}::pg_snapshot)
        and not pg_visible_in_snapshot(xid, ${seen}::pg_snapshot)) as changed`.execute(q);
  return { seen: rows[0]!.seen, changed: rows[0]!.changed ?? [] };
}

/**
 * The common case in one round trip and no transaction: nothing changed since the last refresh, and the segment
 * (if any) is cached. Null when there is something to catch up with or a segment to evaluate.
 */
async function unchanged(
  db: Kysely<Database>,
  state: State,
  segment: Expression<unknown> | undefined,
): Promise<Fresh | null> {
  const snap = state.snapshot!;
  const members = segment ? cachedMembers(db, snap, segment) : undefined;
  if (segment && !members) return null;
  const { seen, changed } = await changesSince(db, state.seen);
  if (changed.length > 0) return null;
  state.seen = seen;
  return { snapshot: snap, members };
}

/**
 * In one repeatable-read transaction: applies the changes since `state.seen` and reads the segment's members. Null
 * when a full reload is due instead (a truncate, a quarter of the base changed, too many dead rows).
 */
async function catchUp(
  db: Kysely<Database>,
  state: State,
  segment: Expression<unknown> | undefined,
  force: boolean,
): Promise<Fresh | null> {
  const snap = state.snapshot!;
  return readOnly(db).execute(async (trx) => {
    const seen = await currentSnapshot(trx);
    const list = await changes(trx, state.seen, force ? Number.POSITIVE_INFINITY : snap.slots / 4 + 1_000);
    if (!list) return null;
    await apply(trx, snap, list, force || wholeRefresh);
    noteChangedCustomers(
      snap,
      list.map((c) => c.id),
    );
    if (!force && snap.wasted > snap.pMs.length / 2 + 100_000) return null;
    state.seen = seen;
    return { snapshot: snap, members: segment ? await segmentMembers(trx, snap, segment) : undefined };
  });
}

async function refresh(db: Kysely<Database>, state: State, segment?: Expression<unknown>): Promise<Fresh> {
  const now = Date.now();
  let fresh: Fresh | null = null;
  for (let attempt = 0; !fresh; attempt++) {
    if (attempt > 5)
      throw new Error('the analytics snapshot cannot catch up: the data is truncated repeatedly');
    const reload = !state.snapshot || now - state.refreshedAt > MAX_IDLE_MS || attempt > 0;
    if (reload) {
      state.snapshot = null;
      const { snap, seen } = await loadAll(db);
      state.snapshot = snap;
      state.seen = seen;
    }
    // After a full load, catch up whatever the size: another full load would not be any fresher.
    fresh =
      (reload ? null : await unchanged(db, state, segment)) ?? (await catchUp(db, state, segment, reload));
  }
  state.refreshedAt = now;
  if (now - state.prunedAt > PRUNE_EVERY_MS) {
    state.prunedAt = now;
    await sql`delete from analytics_change where created_at < now() - interval '1 day'`.execute(db);
  }
  return fresh;
}

/**
 * The snapshot of `db`, brought up to date with every change committed before the call, and the members of
 * `segment` if given: evaluated over the snapshot when the segment is a compiled rule it covers
 * (./rule-coverage.ts), else in the database (./segment-cache.ts). Refreshes are serialized per database handle;
 * each call runs its own (cheap when nothing changed) check after the previous one.
 */
export function freshSnapshot(db: Kysely<Database>, segment?: Expression<unknown>): Promise<Fresh> {
  let state = states.get(db);
  if (!state) {
    state = { snapshot: null, seen: '', refreshedAt: 0, prunedAt: Date.now(), queue: Promise.resolve() };
    states.set(db, state);
  }
  const s = state;
  // A segment compiled from a rule the snapshot covers is evaluated in memory, after the refresh, in its turn.
  const source = ruleOf(segment);
  const covered = source && snapshotCovers(source.rule) ? source : undefined;
  const run = async (): Promise<Fresh> => {
    const fresh = await refresh(db, s, covered ? undefined : segment);
    if (!covered) return fresh;
    return { snapshot: fresh.snapshot, members: ruleMask(fresh.snapshot, covered.rule, covered.asOf) };
  };
  const next = s.queue.then(run, run);
  s.queue = next.catch(() => undefined);
  return next;
}
