// Interactions entered in the console: log a contact or service case, edit or close it, soft delete and restore.
import { ConcordError } from '@concord/protocol/errors';
import type { Interaction, InteractionKind } from '../../db/tables/crm.table.ts';
import type { Deps } from '../../deps.ts';
import { assertActiveCustomer } from '../customers/customers.ts';

export interface InteractionView {
  id: string;
  customerId: string;
  kind: InteractionKind;
  occurredAt: Date;
  closedAt: Date | null;
  product: string | null;
  outcome: string | null;
  channel: string | null;
  direction: 'inbound' | 'outbound' | null;
  summary: string | null;
  createdBy: string | null;
  deletedAt: Date | null;
}

export function toInteractionView(i: Interaction): InteractionView {
  return {
    id: i.id,
    customerId: i.customer_id,
    kind: i.kind,
    occurredAt: i.occurred_at,
    closedAt: i.closed_at,
    product: i.product,
    outcome: i.outcome,
    channel: i.channel,
    direction: i.direction,
    summary: i.summary,
    createdBy: i.created_by,
    deletedAt: i.deleted_at,
  };
}

export interface LogInteractionInput {
  customerId: string;
  kind: InteractionKind;
  occurredAt: Date;
  closedAt?: Date | null;
  product?: string | null;
  outcome?: string | null;
  channel?: string | null;
  direction?: 'inbound' | 'outbound' | null;
  summary?: string | null;
}

function checkCase(kind: InteractionKind, occurredAt: Date, closedAt: Date | null | undefined) {
  if (closedAt && kind !== 'service_case') throw new ConcordError('BAD_INPUT', 'only service cases close');
  if (closedAt && closedAt < occurredAt) throw new ConcordError('BAD_INPUT', 'closed before it was opened');
}

export async function logInteraction(
  deps: Pick<Deps, 'db'>,
  input: LogInteractionInput & { createdBy: string },
): Promise<InteractionView> {
  const { db } = deps;
  checkCase(input.kind, input.occurredAt, input.closedAt);
  await assertActiveCustomer(db, input.customerId);
  const row = await db
    .insertInto('interaction')
    .values({
      customer_id: input.customerId,
      kind: input.kind,
      occurred_at: input.occurredAt,
      closed_at: input.closedAt ?? null,
      product: input.product ?? null,
      outcome: input.outcome ?? null,
      channel: input.channel ?? null,
      direction: input.direction ?? null,
      summary: input.summary ?? null,
      external_id: null,
      created_by: input.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toInteractionView(row);
}

export type InteractionPatch = Partial<Omit<LogInteractionInput, 'customerId' | 'kind'>>;

/** Edits an interaction (e.g. closes a service case with its outcome). */
export async function updateInteraction(
  deps: Pick<Deps, 'db'>,
  input: { id: string; patch: InteractionPatch },
): Promise<InteractionView> {
  const { id, patch } = input;
  return deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('interaction')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!current) throw new ConcordError('NOT_FOUND', 'no such interaction');
    const occurredAt = patch.occurredAt ?? current.occurred_at;
    const closedAt = patch.closedAt === undefined ? current.closed_at : patch.closedAt;
    checkCase(current.kind, occurredAt, closedAt);
    const row = await trx
      .updateTable('interaction')
      .set({
        occurred_at: occurredAt,
        closed_at: closedAt,
        ...(patch.product !== undefined ? { product: patch.product } : {}),
        ...(patch.outcome !== undefined ? { outcome: patch.outcome } : {}),
        ...(patch.channel !== undefined ? { channel: patch.channel } : {}),
        ...(patch.direction !== undefined ? { direction: patch.direction } : {}),
        ...(patch.summary !== undefined ? { summary: patch.summary } : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toInteractionView(row);
  });
}

/** Soft delete (`deleted`) or restore an interaction. */
export async function setInteractionDeleted(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string; deleted: boolean },
): Promise<InteractionView> {
  const row = await deps.db
    .updateTable('interaction')
    .set({ deleted_at: input.deleted ? deps.now() : null })
    .where('id', '=', input.id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such interaction');
  return toInteractionView(row);
}
