// Merging two records of one person: history, identifiers, consent and external id move to the survivor; audited,
// reversible until `undo_until` (unmerge.ts).
import { ConcordError } from '@concord/protocol/errors';
import { sql, type Transaction } from 'kysely';
import { appendAudit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import { auditActor } from '../../auth/actor.ts';
import { onIneligible } from '../../consent/propagate.ts';
import { recordConsentEvents } from '../../consent/record.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { latestEventPerPurpose, strictestEvents } from './consent-merge.ts';
import { setDuplicateStatus } from './flag.ts';

/** Rows that moved, kept on the merge so an undo can move exactly them back. */
export interface MovedRows {
  purchases: string[];
  interactions: string[];
  followUps: string[];
  /** Copies of the merged record's consent events on the survivor (deleted again by an undo). */
  consentEvents: number[];
  /** Consent events appended to the survivor by the strictest-state rule (they stay after an undo). */
  consentAdded: number[];
  /** Identifiers: original (type, position) on the merged record and the position given on the survivor. */
  identifiers: Array<{ idType: string; from: number; to: number }>;
  /** Aliases that pointed to the merged record (earlier merges), re-pointed to the survivor. */
  aliases: string[];
}

export interface MergeInput {
  survivorId: string;
  mergedId: string;
  actor: Actor;
  /** Days during which the merge can be undone (the node's `mergeUndoDays`). */
  undoDays: number;
}

/** The input with the one clock reading every step of the merge stamps. */
type MergeStep = MergeInput & { now: Date };

export interface MergeResult {
  mergeId: string;
  survivorId: string;
  mergedId: string;
  undoUntil: Date;
  moved: Record<keyof MovedRows, number>;
}

async function lockPair(trx: Transaction<Database>, survivorId: string, mergedId: string) {
  if (survivorId === mergedId) throw new ConcordError('BAD_INPUT', 'a customer cannot be merged into itself');
  const rows = await trx
    .selectFrom('customer')
    .select(['id', 'external_id', 'deleted_at'])
    .where('id', 'in', [survivorId, mergedId])
    .orderBy('id')
    .forUpdate()
    .execute();
  const survivor = rows.find((r) => r.id === survivorId);
  const merged = rows.find((r) => r.id === mergedId);
  if (!survivor || !merged) throw new ConcordError('NOT_FOUND', 'no such customer');
  if (survivor.deleted_at || merged.deleted_at) {
    throw new ConcordError('CONFLICT', 'deleted or already merged customers cannot be merged');
  }
  return { survivor, merged };
}

async function moveIds<T extends 'purchase' | 'interaction' | 'follow_up'>(
  trx: Transaction<Database>,
  table: T,
  from: string,
  to: string,
): Promise<Array<string | number>> {
  const { rows } = await sql<{ id: string | number }>`
    update ${sql.table(table)} set customer_id = ${to}::uuid where customer_id = ${from}::uuid
    returning id`.execute(trx);
  return rows.map((r) => r.id);
}

/**
 * Consent history is append-only (no UPDATE): the merged record's events are copied to the survivor (same content
 * and capture time, recorded now by the merging user); the originals stay on the merged record. Returns the copies.
 */
async function copyConsentEvents(
  trx: Transaction<Database>,
  from: string,
  to: string,
  input: MergeStep,
): Promise<number[]> {
  const { rows } = await sql<{ id: string | number }>`
    insert into consent_event (customer_id, purpose, state, lawful_basis, recipient_industries, recipient_partners,
      collection_method, source, notice_version_id, captured_at, valid_until, evidence_ref, recorded_by,
      recorded_via, recorded_at)
    select ${to}::uuid, purpose, state, lawful_basis, recipient_industries, recipient_partners, collection_method,
      source, notice_version_id, captured_at, valid_until, evidence_ref, ${input.actor.id}, recorded_via,
      ${input.now}::timestamptz
    from consent_event where customer_id = ${from}::uuid order by id
    returning id`.execute(trx);
  return rows.map((r) => Number(r.id));
}

/** Appends the merged record's identifiers after the survivor's, per type. */
async function moveIdentifiers(trx: Transaction<Database>, from: string, to: string) {
  const { rows } = await sql<{ id_type: string; from: number; to: number }>`
    with offsets as (
      select id_type, coalesce(max(position) + 1, 0) as base from customer_identifier
      where customer_id = ${to}::uuid group by id_type)
    update customer_identifier i
      set customer_id = ${to}::uuid, position = i.position + coalesce(o.base, 0)
    from customer_identifier old left join offsets o on o.id_type = old.id_type
    where i.customer_id = ${from}::uuid and old.customer_id = i.customer_id and old.id_type = i.id_type
      and old.position = i.position
    returning i.id_type, old.position as from, i.position as to`.execute(trx);
  return rows.map((r) => ({ idType: r.id_type, from: Number(r.from), to: Number(r.to) }));
}

type Pair = Awaited<ReturnType<typeof lockPair>>;

/** Moves the merged record's rows to the survivor and records the strictest consent of the two (moved in place). */
async function moveRows(trx: Transaction<Database>, p: Pair, input: MergeStep): Promise<MovedRows> {
  const { survivor, merged } = p;
  const [sConsent, mConsent] = [
    await latestEventPerPurpose(trx, survivor.id),
    await latestEventPerPurpose(trx, merged.id),
  ];
  const moved: MovedRows = {
    purchases: (await moveIds(trx, 'purchase', merged.id, survivor.id)) as string[],
    interactions: (await moveIds(trx, 'interaction', merged.id, survivor.id)) as string[],
    followUps: (await moveIds(trx, 'follow_up', merged.id, survivor.id)) as string[],
    consentEvents: await copyConsentEvents(trx, merged.id, survivor.id, input),
    consentAdded: [],
    identifiers: await moveIdentifiers(trx, merged.id, survivor.id),
    aliases: [],
  };
  const added = strictestEvents(survivor.id, sConsent, mConsent, input.now);
  if (added.length > 0) {
    const r = await recordConsentEvents(
      { db: trx, now: () => input.now },
      { events: added, actor: input.actor, via: 'console' },
    );
    moved.consentAdded = r.eventIds;
  }
  return moved;
}

/** The merge record (with the duplicate flag's evidence), so the merge can be undone until `undoUntil`. */
async function insertMergeRecord(
  trx: Transaction<Database>,
  p: Pair,
  input: MergeStep,
  moved: MovedRows,
  undoUntil: Date,
): Promise<string> {
  const [a, b] = [p.survivor.id, p.merged.id].sort();
  const evidence = await trx
    .selectFrom('duplicate_flag')
    .select('evidence')
    .where('customer_a', '=', a as string)
    .where('customer_b', '=', b as string)
    .executeTakeFirst();
  const row = await trx
    .insertInto('customer_merge')
    .values({
      survivor_id: p.survivor.id,
      merged_id: p.merged.id,
      merged_by: input.actor.id,
      merged_at: input.now,
      undo_until: undoUntil,
      moved: JSON.stringify(moved),
      evidence: JSON.stringify(evidence?.evidence ?? []),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Old external ids (the merged record's and its own aliases) now find the survivor. */
async function repointAliases(trx: Transaction<Database>, p: Pair, mergeId: string, moved: MovedRows) {
  const repointed = await trx
    .updateTable('customer_alias')
    .set({ customer_id: p.survivor.id })
    .where('customer_id', '=', p.merged.id)
    .returning('external_id')
    .execute();
  moved.aliases = repointed.map((r) => r.external_id);
  await trx
    .insertInto('customer_alias')
    .values({ external_id: p.merged.external_id, customer_id: p.survivor.id, merge_id: mergeId })
    .execute();
  await trx
    .updateTable('customer_merge')
    .set({ moved: JSON.stringify(moved) })
    .where('id', '=', mergeId)
    .execute();
}

export async function mergeCustomers(
  deps: Pick<Deps, 'db' | 'now'>,
  merge: MergeInput,
): Promise<MergeResult> {
  const input: MergeStep = { ...merge, now: deps.now() };
  return inTransaction(deps.db, async (trx) => {
    const pair = await lockPair(trx, input.survivorId, input.mergedId);
    const { survivor, merged } = pair;
    const moved = await moveRows(trx, pair, input);
    const undoUntil = new Date(input.now.getTime() + input.undoDays * 86_400_000);
    const mergeId = await insertMergeRecord(trx, pair, input, moved, undoUntil);
    await repointAliases(trx, pair, mergeId, moved);
    await trx
      .updateTable('customer')
      .set({ deleted_at: input.now, merged_into: survivor.id, updated_at: input.now })
      .where('id', '=', merged.id)
      .execute();
    // The merged record leaves live publications now; the survivor carries the person from the next publish.
    await onIneligible(trx, [{ customerId: merged.id, reason: 'withdrawn' }]);
    await setDuplicateStatus({ db: trx }, { customerA: survivor.id, customerB: merged.id, status: 'merged' });
    const counts = Object.fromEntries(
      Object.entries(moved).map(([k, v]) => [k, (v as unknown[]).length]),
    ) as MergeResult['moved'];
    await appendAudit(trx, {
      action: 'customer.merge',
      subjectType: 'Customer',
      subjectId: survivor.id,
      ...auditActor(input.actor),
      at: input.now,
      data: { mergeId, mergedId: merged.id, undoUntil: undoUntil.toISOString(), moved: counts },
    });
    return { mergeId, survivorId: survivor.id, mergedId: merged.id, undoUntil, moved: counts };
  });
}
