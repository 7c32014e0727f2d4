// Recording consent events (append-only): validation, batched insert, audit, and withdrawal propagation.

import type { ConsentSignal } from '@concord/consent/events';
import { WILDCARD } from '@concord/consent/events';
import { gpcPurposes, isWithin, PURPOSES } from '@concord/consent/purposes';
import { canonicalJson } from '@concord/federation/audit-chain';
import { ConcordError } from '@concord/protocol/errors';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Actor } from '../auth/actor.ts';
import { auditActor } from '../auth/actor.ts';
import type { Database } from '../db/database.ts';
import type { ConsentEventRow } from '../db/tables/consent.table.ts';
import { inTransaction } from '../db/transaction.ts';
import { type IneligibleChange, onIneligible } from './propagate.ts';

export type RecordedVia = 'console' | 'api' | 'import' | 'gpc' | 'sweep';

export interface ConsentEventInput extends ConsentSignal {
  customerId: string;
}

export interface RecordContext {
  actor: Actor;
  via: RecordedVia;
  now: Date;
  /** Extra audit data for batches (e.g. file name, line range). */
  auditData?: Record<string, unknown>;
}

export interface RecordResult {
  eventIds: number[];
  /** The (customer, purpose) pairs that stopped being covered and were queued for withdrawal. */
  ineligible: IneligibleChange[];
}

const INSERT_CHUNK = 1_000;
const LOOKUP_CHUNK = 10_000;

/** Purposes a negative event on `purpose` ends: the purpose itself and every sub-purpose in the taxonomy. */
function coveredPurposes(purpose: string): string[] {
  return PURPOSES.map((p) => p.id).filter((id) => isWithin(id, purpose));
}

function narrowed(
  prev: Pick<ConsentEventRow, 'recipient_industries' | 'recipient_partners' | 'valid_until'>,
  next: ConsentEventInput,
): boolean {
  const nextInd = new Set(next.recipientIndustries);
  const nextPartners = new Set(next.recipientPartners);
  if (!nextInd.has(WILDCARD)) {
    if (prev.recipient_industries.some((i) => !nextInd.has(i))) return true;
  }
  if (prev.recipient_partners.some((p) => !nextPartners.has(p))) return true;
  const prevUntil = prev.valid_until?.getTime() ?? Number.POSITIVE_INFINITY;
  const nextUntil = next.validUntil?.getTime() ?? Number.POSITIVE_INFINITY;
  return nextUntil < prevUntil;
}

/**
 * Appends events in the caller's transaction (batched), audits them (one event per call: the single event,
 * or a batch summary with a digest of every row), and queues withdrawals for anything that became ineligible.
 * Callers validate that customers exist; the foreign key rejects unknown ids anyway.
 */
export async function recordConsentEvents(
  trx: Transaction<Database>,
  inputs: readonly ConsentEventInput[],
  rc: RecordContext,
): Promise<RecordResult> {
  if (inputs.length === 0) return { eventIds: [], ineligible: [] };

  // A renewed `given` that covers fewer recipients (or ends sooner) also ends some sharing: find the
  // previous own-purpose event of each pair, in one query, before inserting.
  const givens = inputs.filter((i) => i.state === 'given');
  const prevByPair = new Map<string, ConsentEventRow>();
  const givenCustomers = [...new Set(givens.map((g) => g.customerId))];
  const givenPurposes = [...new Set(givens.map((g) => g.purpose))];
  // Chunked only to stay under Postgres' bind-parameter limit on very large batches (seed, big imports).
  for (let i = 0; i < givenCustomers.length; i += LOOKUP_CHUNK) {
    const prev = await trx
      .selectFrom('consent_event')
      .selectAll()
      .distinctOn(['customer_id', 'purpose'])
      .where('customer_id', 'in', givenCustomers.slice(i, i + LOOKUP_CHUNK))
      .where('purpose', 'in', givenPurposes)
      .orderBy('customer_id')
      .orderBy('purpose')
      .orderBy('captured_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    for (const p of prev) prevByPair.set(`${p.customer_id}|${p.purpose}`, p);
  }

  const rows = inputs.map((i) => ({
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
    recorded_by: rc.actor.id,
    recorded_via: rc.via,
    recorded_at: rc.now,
  }));
  const eventIds: number[] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const inserted = await trx
      .insertInto('consent_event')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .returning('id')
      .execute();
    for (const r of inserted) eventIds.push(Number(r.id));
  }

  const ineligible: IneligibleChange[] = [];
  const seen = new Set<string>();
  const push = (c: IneligibleChange) => {
    const key = `${c.customerId}|${c.purpose ?? '*'}|${c.reason}`;
    if (!seen.has(key)) {
      seen.add(key);
      ineligible.push(c);
    }
  };
  // Negative events: the purposes each customer lost, per reason; losing every purpose is one "all" entry.
  const lost = new Map<
    string,
    { customerId: string; reason: IneligibleChange['reason']; purposes: Set<string> }
  >();
  for (const i of inputs) {
    if (i.state === 'given') {
      const prev = prevByPair.get(`${i.customerId}|${i.purpose}`);
      if (prev?.state === 'given' && narrowed(prev, i)) {
        push({ customerId: i.customerId, purpose: i.purpose, reason: 'withdrawn' });
      }
      continue;
    }
    const reason = i.state === 'refused' ? 'refused' : i.state === 'expired' ? 'expired' : 'withdrawn';
    const key = `${i.customerId}|${reason}`;
    const entry = lost.get(key) ?? { customerId: i.customerId, reason, purposes: new Set<string>() };
    for (const p of coveredPurposes(i.purpose)) entry.purposes.add(p);
    lost.set(key, entry);
  }
  for (const { customerId, reason, purposes } of lost.values()) {
    if (purposes.size === PURPOSES.length) push({ customerId, reason });
    else for (const purpose of purposes) push({ customerId, purpose, reason });
  }
  if (ineligible.length > 0) await onIneligible(trx, ineligible);

  if (inputs.length === 1) {
    const i = inputs[0]!;
    await appendAudit(trx, {
      action: 'consent.recorded',
      subjectType: 'Consent',
      subjectId: i.customerId,
      ...auditActor(rc.actor),
      at: rc.now,
      data: {
        eventId: eventIds[0],
        purpose: i.purpose,
        state: i.state,
        method: i.collectionMethod,
        via: rc.via,
        ...rc.auditData,
      },
    });
  } else {
    const byState: Record<string, number> = {};
    for (const i of inputs) byState[i.state] = (byState[i.state] ?? 0) + 1;
    await appendAudit(trx, {
      action: 'consent.batch_recorded',
      subjectType: 'Consent',
      ...auditActor(rc.actor),
      at: rc.now,
      data: {
        count: inputs.length,
        firstEventId: eventIds[0],
        lastEventId: eventIds[eventIds.length - 1],
        byState,
        via: rc.via,
        // Ties the audit log to the exact rows written, so later edits to them are detectable.
        rowsSha256: bytesToHex(sha256(utf8ToBytes(canonicalJson(rows)))),
        ...rc.auditData,
      },
    });
  }
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
  db: Kysely<Database>,
  input: ConsentEventInput,
  rc: RecordContext,
): Promise<RecordResult> {
  await assertCustomersExist(db, [input.customerId]);
  if (input.noticeVersionId && input.state === 'given') {
    await assertNoticeCovers(db, input.noticeVersionId, input.purpose);
  }
  return inTransaction(db, (trx) => recordConsentEvents(trx, [input], rc));
}

/** Withdraws consent for the given purposes (each a `withdrawn` event, effective now). */
export async function withdrawConsent(
  db: Kysely<Database>,
  input: {
    customerId: string;
    purposes: string[];
    collectionMethod: ConsentSignal['collectionMethod'];
    source: string;
    evidenceRef?: string | null;
  },
  rc: RecordContext,
): Promise<RecordResult> {
  await assertCustomersExist(db, [input.customerId]);
  const events: ConsentEventInput[] = input.purposes.map((purpose) => ({
    customerId: input.customerId,
    purpose,
    state: 'withdrawn',
    lawfulBasis: 'consent',
    recipientIndustries: [],
    recipientPartners: [],
    collectionMethod: input.collectionMethod,
    source: input.source,
    noticeVersionId: null,
    capturedAt: rc.now,
    validUntil: null,
    evidenceRef: input.evidenceRef ?? null,
  }));
  return inTransaction(db, (trx) => recordConsentEvents(trx, events, rc));
}

/** A Global Privacy Control signal: an opt-out of every sharing purpose, recorded as GPC withdrawals. */
export async function recordGpcSignal(
  db: Kysely<Database>,
  input: { customerId: string; source: string; evidenceRef?: string | null },
  rc: RecordContext,
): Promise<RecordResult> {
  return withdrawConsent(
    db,
    {
      customerId: input.customerId,
      purposes: gpcPurposes(),
      collectionMethod: 'gpc',
      source: input.source,
      evidenceRef: input.evidenceRef,
    },
    { ...rc, via: rc.via === 'console' ? 'console' : 'gpc' },
  );
}

/** True when a request carries the Global Privacy Control header (`Sec-GPC: 1`). */
export function hasGpcHeader(headers: Record<string, string | string[] | undefined>): boolean {
  const v = headers['sec-gpc'];
  return (Array.isArray(v) ? v[0] : v)?.trim() === '1';
}
