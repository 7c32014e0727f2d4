// Data-subject requests as records: log one (channel asked, reference required for erasure), list the queue with
// deadlines and filters, assign an owner, extend the deadline once with a reason.
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import { type Actor, auditActor } from '../auth/actor.ts';
import type { Database } from '../db/database.ts';
import type {
  PrivacyRequestChannel,
  PrivacyRequestKind,
  PrivacyRequestRow,
  PrivacyRequestStatus,
} from '../db/tables/privacy.table.ts';
import { inTransaction } from '../db/transaction.ts';
import { atOneInstant, type Deps } from '../deps.ts';
import { extendedDeadline, legalDeadline, MIN_EXTENSION_REASON } from './deadline.ts';

export interface PrivacyRequestView {
  id: string;
  kind: PrivacyRequestKind;
  customerId: string;
  /** The customer's external id while they exist; null after erasure. */
  customerExternalId: string | null;
  channel: PrivacyRequestChannel;
  reference: string | null;
  purposes: string[] | null;
  receivedAt: Date;
  dueAt: Date;
  extendedDueAt: Date | null;
  extensionReason: string | null;
  /** The deadline in force: the extended one if extended. */
  deadline: Date;
  overdue: boolean;
  status: PrivacyRequestStatus;
  ownerId: string | null;
  ownerEmail: string | null;
  note: string | null;
  createdAt: Date;
  actionedAt: Date | null;
  completedAt: Date | null;
  completion: Record<string, unknown> | null;
}

export interface NewPrivacyRequest {
  kind: PrivacyRequestKind;
  customerId: string;
  channel: PrivacyRequestChannel;
  reference?: string | null | undefined;
  purposes?: string[] | null | undefined;
  receivedAt: Date;
  ownerId?: string | null | undefined;
  note?: string | null | undefined;
}

export async function createPrivacyRequest(
  deps: Pick<Deps, 'db' | 'now'>,
  input: NewPrivacyRequest & { actor: Actor },
): Promise<PrivacyRequestView> {
  const once = atOneInstant(deps);
  const { db } = once;
  const { actor } = input;
  const now = once.now();
  const reference = input.reference?.trim() || null;
  // Art. 17 erasures are answered to a person who must be identifiable later: a reference ties them together.
  if (input.kind === 'erasure' && !reference) {
    throw new ConcordError('BAD_INPUT', 'an erasure request needs a reference (ticket or letter number)');
  }
  if (input.receivedAt.getTime() > now.getTime() + 60_000) {
    throw new ConcordError('BAD_INPUT', 'a request cannot be received in the future');
  }
  const id = await inTransaction(db, async (trx) => {
    const customer = await trx
      .selectFrom('customer')
      .select('id')
      .where('id', '=', input.customerId)
      .executeTakeFirst();
    if (!customer) throw new ConcordError('NOT_FOUND', 'no such customer');
    const row = await trx
      .insertInto('privacy_request')
      .values({
        kind: input.kind,
        customer_id: input.customerId,
        channel: input.channel,
        reference,
        purposes: input.kind === 'withdrawal' || input.kind === 'objection' ? (input.purposes ?? null) : null,
        received_at: input.receivedAt,
        due_at: legalDeadline(input.receivedAt),
        owner_id: input.ownerId ?? actor.id,
        note: input.note ?? null,
        created_by: actor.id,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      action: 'privacy_request.created',
      subjectType: 'PrivacyRequest',
      subjectId: row.id,
      ...auditActor(actor),
      at: now,
      data: { kind: input.kind, customerId: input.customerId, channel: input.channel, reference },
    });
    return row.id;
  });
  return getPrivacyRequest(once, { id });
}

export interface QueueFilter {
  status?: PrivacyRequestStatus[] | undefined;
  kind?: PrivacyRequestKind[] | undefined;
  ownerId?: string | undefined;
  customerId?: string | undefined;
  /** Only requests past their deadline and not completed. */
  overdue?: boolean | undefined;
  /** Only requests whose deadline in force is before this. */
  dueBefore?: Date | undefined;
  limit: number;
}

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('privacy_request as r')
    .leftJoin('customer as c', 'c.id', 'r.customer_id')
    .leftJoin('app_user as u', 'u.id', 'r.owner_id')
    .selectAll('r')
    .select(['c.external_id as customerExternalId', 'u.email as ownerEmail']);
}

const deadlineSql = sql<Date>`coalesce(r.extended_due_at, r.due_at)`;

/** The compliance queue, soonest deadline first (completed ones last). */
export async function listPrivacyRequests(
  deps: Pick<Deps, 'db' | 'now'>,
  f: QueueFilter,
): Promise<PrivacyRequestView[]> {
  const { db } = deps;
  const now = deps.now();
  let q = baseQuery(db).orderBy(sql`r.status = 'completed'`).orderBy(deadlineSql).limit(f.limit);
  if (f.status?.length) q = q.where('r.status', 'in', f.status);
  if (f.kind?.length) q = q.where('r.kind', 'in', f.kind);
  if (f.ownerId) q = q.where('r.owner_id', '=', f.ownerId);
  if (f.customerId) q = q.where('r.customer_id', '=', f.customerId);
  if (f.overdue) q = q.where('r.status', '<>', 'completed').where(deadlineSql, '<', now);
  if (f.dueBefore) q = q.where(deadlineSql, '<', f.dueBefore);
  return (await q.execute()).map((r) => toView(r, now));
}

/** The request row, locked for the rest of the transaction (status changes are read-modify-write). */
export async function lockPrivacyRequest(
  trx: Kysely<Database>,
  id: string,
): Promise<PrivacyRequestRow | undefined> {
  return trx.selectFrom('privacy_request').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function getPrivacyRequest(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string },
): Promise<PrivacyRequestView> {
  const now = deps.now();
  const row = await baseQuery(deps.db).where('r.id', '=', input.id).executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such privacy request');
  return toView(row, now);
}

function toView(
  r: PrivacyRequestRow & { customerExternalId: string | null; ownerEmail: string | null },
  now: Date,
): PrivacyRequestView {
  const deadline = r.extended_due_at ?? r.due_at;
  return {
    id: r.id,
    kind: r.kind,
    customerId: r.customer_id,
    customerExternalId: r.customerExternalId,
    channel: r.channel,
    reference: r.reference,
    purposes: r.purposes,
    receivedAt: r.received_at,
    dueAt: r.due_at,
    extendedDueAt: r.extended_due_at,
    extensionReason: r.extension_reason,
    deadline,
    overdue: r.status !== 'completed' && deadline.getTime() < now.getTime(),
    status: r.status,
    ownerId: r.owner_id,
    ownerEmail: r.ownerEmail,
    note: r.note,
    createdAt: r.created_at,
    actionedAt: r.actioned_at,
    completedAt: r.completed_at,
    completion: r.completion,
  };
}

/**
 * Extends the deadline once, by two further months from the original one, with a reason; only before the original
 * deadline passes (the person must be told within the first month) and never for a completed request.
 */
export async function extendPrivacyRequest(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string; reason: string; actor: Actor },
): Promise<PrivacyRequestView> {
  const once = atOneInstant(deps);
  const { db } = once;
  const { actor } = input;
  const now = once.now();
  const reason = input.reason.trim();
  if (reason.length < MIN_EXTENSION_REASON) {
    throw new ConcordError(
      'BAD_INPUT',
      `say why the deadline is extended (at least ${MIN_EXTENSION_REASON} characters)`,
    );
  }
  await inTransaction(db, async (trx) => {
    const r = await lockPrivacyRequest(trx, input.id);
    if (!r) throw new ConcordError('NOT_FOUND', 'no such privacy request');
    if (r.extended_due_at) throw new ConcordError('CONFLICT', 'the deadline was already extended once');
    if (r.status === 'completed') throw new ConcordError('CONFLICT', 'the request is completed');
    if (r.due_at.getTime() < now.getTime()) {
      throw new ConcordError(
        'CONFLICT',
        'the one-month deadline has passed: an extension had to be decided before it',
      );
    }
    const extended = extendedDeadline(r.received_at);
    await trx
      .updateTable('privacy_request')
      .set({ extended_due_at: extended, extension_reason: reason, extended_by: actor.id, extended_at: now })
      .where('id', '=', r.id)
      .execute();
    await appendAudit(trx, {
      action: 'privacy_request.extended',
      subjectType: 'PrivacyRequest',
      subjectId: r.id,
      ...auditActor(actor),
      at: now,
      data: { from: r.due_at.toISOString(), to: extended.toISOString() },
    });
  });
  return getPrivacyRequest(once, input);
}

/** Gives the request to a compliance officer (the owner answers for the deadline). */
export async function assignPrivacyRequest(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string; ownerId: string; actor: Actor },
): Promise<PrivacyRequestView> {
  const once = atOneInstant(deps);
  const { db } = once;
  const { actor } = input;
  const now = once.now();
  await inTransaction(db, async (trx) => {
    const owner = await trx
      .selectFrom('app_user')
      .select('role')
      .where('id', '=', input.ownerId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (owner?.role !== 'compliance')
      throw new ConcordError('BAD_INPUT', 'the owner must be an active compliance officer');
    const res = await trx
      .updateTable('privacy_request')
      .set({ owner_id: input.ownerId })
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new ConcordError('NOT_FOUND', 'no such privacy request');
    await appendAudit(trx, {
      action: 'privacy_request.assigned',
      subjectType: 'PrivacyRequest',
      subjectId: input.id,
      ...auditActor(actor),
      at: now,
      data: { ownerId: input.ownerId },
    });
  });
  return getPrivacyRequest(once, input);
}
