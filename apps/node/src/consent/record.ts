// Recording consent events (append-only): validation, batched insert, audit, and withdrawal propagation.

import type { ConsentSignal } from '@concord/consent/events';
import { gpcPurposes, isWithin } from '@concord/consent/purposes';
import { canonicalJson } from '@concord/federation/audit-chain';
import { ConcordError } from '@concord/protocol/errors';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Actor } from '../auth/actor.ts';
import { auditActor } from '../auth/actor.ts';
import type { Database } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { atOneInstant, type Deps, inTrx } from '../deps.ts';
import { ineligibleChanges, previousGivens } from './ineligible.ts';
import { type IneligibleChange, onIneligible } from './propagate.ts';

export type RecordedVia = 'console' | 'api' | 'import' | 'gpc' | 'sweep';

export interface ConsentEventInput extends ConsentSignal {
  customerId: string;
}

/** Who recorded events and through which channel (the clock comes from the deps). */
export interface RecordedBy {
  actor: Actor;
  via: RecordedVia;
  /** Extra audit data for batches (e.g. file name, line range). */
  auditData?: Record<string, unknown>;
}

/** What recording needs: the database (a transaction for `recordConsentEvents`) and the clock. */
type RecordDeps = Pick<Deps, 'db' | 'now'>;

export interface RecordResult {
  eventIds: number[];
  /** The (customer, purpose) pairs that stopped being covered and were queued for withdrawal. */
  ineligible: IneligibleChange[];
}

const INSERT_CHUNK = 1_000;

function toRows(inputs: readonly ConsentEventInput[], by: RecordedBy, now: Date) {
  return inputs.map((i) => ({
    customer_id: i.customerId,
    purpose: i.purpose,
    state: i.state,
    lawful_basis: i.lawfulBasis,
    recipient_industries: i.recipientIndustries,
    recipient_partners: i.recipientPartners,
    collection_method: i.collectionMethod,
    source: i.source,
    notice_version_id: i.noticeVersionId,
    captured_at: i.capturedAt,
    valid_until: i.validUntil,
    evidence_ref: i.evidenceRef,
    recorded_by: by.actor.id,
    recorded_via: by.via,
    recorded_at: now,
  }));
}

async function insertEvents(trx: Transaction<Database>, rows: ReturnType<typeof toRows>): Promise<number[]> {
  const eventIds: number[] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const inserted = await trx
      .insertInto('consent_event')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .returning('id')
      .execute();
    for (const r of inserted) eventIds.push(Number(r.id));
  }
  return eventIds;
}

/** One audit event per call: the single event, or a batch summary with a digest of every row. */
async function auditRecorded(
  trx: Transaction<Database>,
  input: RecordedBy & { events: readonly ConsentEventInput[] },
  rows: ReturnType<typeof toRows>,
  eventIds: number[],
  now: Date,
): Promise<void> {
  const { events: inputs } = input;
  if (inputs.length === 1) {
    const i = inputs[0]!;
    await appendAudit(trx, {
      action: 'consent.recorded',
      subjectType: 'Consent',
      subjectId: i.customerId,
      ...auditActor(input.actor),
      at: now,
      data: {
        eventId: eventIds[0],
        purpose: i.purpose,
        state: i.state,
        method: i.collectionMethod,
        via: input.via,
        ...input.auditData,
      },
    });
    return;
  }
  const byState: Record<string, number> = {};
  for (const i of inputs) byState[i.state] = (byState[i.state] ?? 0) + 1;
  await appendAudit(trx, {
    action: 'consent.batch_recorded',
    subjectType: 'Consent',
    ...auditActor(input.actor),
    at: now,
    data: {
      count: inputs.length,
      firstEventId: eventIds[0],
      lastEventId: eventIds[eventIds.length - 1],
      byState,
      via: input.via,
      // Ties the audit log to the exact rows written, so later edits to them are detectable.
      rowsSha256: bytesToHex(sha256(utf8ToBytes(canonicalJson(rows)))),
      ...input.auditData,
    },
  });
}

/**
 * Appends events in the caller's transaction (batched), audits them (one event per call: the single event,
 * or a batch summary with a digest of every row), and queues withdrawals for anything that became ineligible.
 * Callers validate that customers exist; the foreign key rejects unknown ids anyway.
 */
export async function recordConsentEvents(
  deps: { db: Transaction<Database>; now: () => Date },
  input: RecordedBy & { events: readonly ConsentEventInput[] },
): Promise<RecordResult> {
  const { db: trx } = deps;
  const inputs = input.events;
  if (inputs.length === 0) return { eventIds: [], ineligible: [] };
  const now = deps.now();
  const prevByPair = await previousGivens(trx, inputs);
  const rows = toRows(inputs, input, now);
  const eventIds = await insertEvents(trx, rows);
  const ineligible = ineligibleChanges(inputs, prevByPair);
  if (ineligible.length > 0) await onIneligible(trx, ineligible);
  await auditRecorded(trx, input, rows, eventIds, now);
  return { eventIds, ineligible };
}

/** Checks the customers exist and are not deleted; throws NOT_FOUND naming none of them. */
export async function assertCustomersExist(db: Kysely<Database>, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  const found = await db
    .selectFrom('customer')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', unique)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(found.n) !== unique.length) throw new ConcordError('NOT_FOUND', 'no such customer');
}

/** Checks a notice version exists and asks for the purpose (or an ancestor of it). */
export async function assertNoticeCovers(
  db: Kysely<Database>,
  noticeVersionId: string,
  purpose: string,
): Promise<void> {
  const v = await db
    .selectFrom('consent_notice_version')
    .select('purposes')
    .where('id', '=', noticeVersionId)
    .executeTakeFirst();
  if (!v) throw new ConcordError('BAD_INPUT', 'unknown notice version');
  if (!v.purposes.some((p) => isWithin(purpose, p))) {
    throw new ConcordError('BAD_INPUT', `the notice shown does not ask for ${purpose}`);
  }
}

/** Records one event from the console or API. */
export async function recordConsent(
  deps: RecordDeps,
  input: RecordedBy & { event: ConsentEventInput },
): Promise<RecordResult> {
  const { db } = deps;
  const { event, ...by } = input;
  await assertCustomersExist(db, [event.customerId]);
  if (event.noticeVersionId && event.state === 'given') {
    await assertNoticeCovers(db, event.noticeVersionId, event.purpose);
  }
  return inTransaction(db, (trx) => recordConsentEvents(inTrx(deps, trx), { ...by, events: [event] }));
}

/** A withdrawal request: purposes to withdraw, how and where it was said. */
export interface WithdrawalRequest {
  customerId: string;
  purposes: string[];
  collectionMethod: ConsentSignal['collectionMethod'];
  source: string;
  evidenceRef?: string | null | undefined;
}

/** Withdraws consent for the given purposes (each a `withdrawn` event, effective now). */
export async function withdrawConsent(
  deps: RecordDeps,
  input: RecordedBy & WithdrawalRequest,
): Promise<RecordResult> {
  const { customerId, purposes, collectionMethod, source, evidenceRef, ...by } = input;
  // Captured and recorded at the same instant.
  const once = atOneInstant(deps);
  await assertCustomersExist(once.db, [customerId]);
  const events: ConsentEventInput[] = purposes.map((purpose) => ({
    customerId,
    purpose,
    state: 'withdrawn',
    lawfulBasis: 'consent',
    recipientIndustries: [],
    recipientPartners: [],
    collectionMethod,
    source,
    noticeVersionId: null,
    capturedAt: once.now(),
    validUntil: null,
    evidenceRef: evidenceRef ?? null,
  }));
  return inTransaction(once.db, (trx) => recordConsentEvents(inTrx(once, trx), { ...by, events }));
}

/** A Global Privacy Control signal: an opt-out of every sharing purpose, recorded as GPC withdrawals. */
export async function recordGpcSignal(
  deps: RecordDeps,
  input: RecordedBy & { customerId: string; source: string; evidenceRef?: string | null },
): Promise<RecordResult> {
  return withdrawConsent(deps, {
    ...input,
    purposes: gpcPurposes(),
    collectionMethod: 'gpc',
    via: input.via === 'console' ? 'console' : 'gpc',
  });
}

/** True when a request carries the Global Privacy Control header (`Sec-GPC: 1`). */
export function hasGpcHeader(headers: Record<string, string | string[] | undefined>): boolean {
  const v = headers['sec-gpc'];
  return (Array.isArray(v) ? v[0] : v)?.trim() === '1';
}
