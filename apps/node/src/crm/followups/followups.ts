// Planned follow-ups (next contacts): per-owner lists, the overdue view, create and update.
import { ConcordError } from '@concord/protocol/errors';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { FollowUpStatus } from '../../db/tables/crm.table.ts';
import type { Deps } from '../../deps.ts';
import { assertActiveCustomer, dateText } from '../customers/customers.ts';

export interface FollowUpView {
  id: string;
  customerId: string;
  customerName: string;
  ownerId: string;
  channel: string | null;
  note: string | null;
  dueDate: string;
  status: FollowUpStatus;
  overdue: boolean;
  completedAt: Date | null;
  createdAt: Date;
}

/** The calendar day of `now` (UTC) as YYYY-MM-DD: a follow-up due before it is overdue. */
export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function baseQuery(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom('follow_up as f')
    .innerJoin('customer as c', 'c.id', 'f.customer_id')
    .where('c.deleted_at', 'is', null)
    .select([
      'f.id',
      'f.customer_id',
      'f.owner_id',
      'f.channel',
      'f.note',
      'f.due_date',
      'f.status',
      'f.completed_at',
      'f.created_at',
      sql<string>`trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, ''))`.as('customer_name'),
      sql<boolean>`(f.status = 'open' and f.due_date < ${today(now)}::date)`.as('overdue'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toView(r: Row): FollowUpView {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    ownerId: r.owner_id,
    channel: r.channel,
    note: r.note,
    dueDate: dateText(r.due_date) ?? '',
    status: r.status,
    overdue: r.overdue,
    completedAt: r.completed_at,
    createdAt: r.created_at,
  };
}

export interface FollowUpFilter {
  ownerId?: string;
  customerId?: string;
  status?: FollowUpStatus;
  /** Only open follow-ups due before today. */
  overdueOnly?: boolean;
  dueBefore?: string;
  limit: number;
  /** What the caller may see (CASL ability as SQL over alias `f`); required: internal callers pass `sql\`true\``. */
  visible: Expression<SqlBool>;
}

/** Follow-ups by due date (oldest first). */
export async function listFollowUps(
  deps: Pick<Deps, 'db' | 'now'>,
  filter: FollowUpFilter,
): Promise<FollowUpView[]> {
  const now = deps.now();
  let q = baseQuery(deps.db, now).orderBy('f.due_date').orderBy('f.id').limit(filter.limit);
  q = q.where(filter.visible);
  if (filter.ownerId) q = q.where('f.owner_id', '=', filter.ownerId);
  if (filter.customerId) q = q.where('f.customer_id', '=', filter.customerId);
  if (filter.status) q = q.where('f.status', '=', filter.status);
  if (filter.dueBefore) q = q.where('f.due_date', '<', filter.dueBefore);
  if (filter.overdueOnly) q = q.where('f.status', '=', 'open').where('f.due_date', '<', today(now));
  return (await q.execute()).map(toView);
}

/** Overdue open follow-ups counted per owner, most overdue first. */
export async function overdueByOwner(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { visible: Expression<SqlBool> },
): Promise<Array<{ ownerId: string; overdue: number; oldestDueDate: string }>> {
  const { visible } = input;
  const now = deps.now();
  const rows = await deps.db
    .selectFrom('follow_up as f')
    .innerJoin('customer as c', 'c.id', 'f.customer_id')
    .where(visible)
    .where('c.deleted_at', 'is', null)
    .where('f.status', '=', 'open')
    .where('f.due_date', '<', today(now))
    .groupBy('f.owner_id')
    .select((eb) => ['f.owner_id', eb.fn.countAll<number>().as('n'), eb.fn.min('f.due_date').as('oldest')])
    .orderBy('oldest')
    .orderBy('f.owner_id')
    .execute();
  return rows.map((r) => ({ ownerId: r.owner_id, overdue: r.n, oldestDueDate: dateText(r.oldest) ?? '' }));
}

// Unscoped on purpose: only reads back the row the caller has just created or changed under its own scope.
async function unsafeGetFollowUp(db: Kysely<Database>, id: string, now: Date): Promise<FollowUpView> {
  const row = await baseQuery(db, now).where('f.id', '=', id).executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such follow-up');
  return toView(row);
}

export async function createFollowUp(
  deps: Pick<Deps, 'db' | 'now'>,
  input: {
    customerId: string;
    ownerId: string;
    dueDate: string;
    channel?: string | null | undefined;
    note?: string | null | undefined;
    createdBy: string;
  },
): Promise<FollowUpView> {
  const { db } = deps;
  const { createdBy } = input;
  const now = deps.now();
  await assertActiveCustomer(db, input.customerId);
  const row = await db
    .insertInto('follow_up')
    .values({
      customer_id: input.customerId,
      owner_id: input.ownerId,
      due_date: input.dueDate,
      channel: input.channel ?? null,
      note: input.note ?? null,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return unsafeGetFollowUp(db, row.id, now);
}

export interface FollowUpPatch {
  ownerId?: string;
  dueDate?: string;
  channel?: string | null;
  note?: string | null;
  status?: FollowUpStatus;
}

/** Reschedules, reassigns, completes (`done`) or cancels a follow-up; completing stamps `completedAt`. */
export async function updateFollowUp(
  deps: Pick<Deps, 'db' | 'now'>,
  input: {
    id: string;
    patch: FollowUpPatch;
    /** Rows the caller may update (CASL ability as SQL over alias `f`); others answer NOT_FOUND. */
    visible: Expression<SqlBool>;
  },
): Promise<FollowUpView> {
  const { db } = deps;
  const { id, patch, visible } = input;
  const now = deps.now();
  const row = await db
    .updateTable('follow_up as f')
    .set({
      updated_at: now,
      ...(patch.ownerId !== undefined ? { owner_id: patch.ownerId } : {}),
      ...(patch.dueDate !== undefined ? { due_date: patch.dueDate } : {}),
      ...(patch.channel !== undefined ? { channel: patch.channel } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      ...(patch.status !== undefined
        ? { status: patch.status, completed_at: patch.status === 'done' ? now : null }
        : {}),
    })
    .where('f.id', '=', id)
    .where(visible)
    .returning('f.id')
    .executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such follow-up');
  return unsafeGetFollowUp(db, id, now);
}
