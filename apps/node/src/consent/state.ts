// A customer's consent history (every event, newest first) and the state derived from it per purpose.
import type { ConsentEventFacts, Decision, Recipient } from '@concord/consent/eligibility';
import { decide, decidingEvent, ruleFor } from '@concord/consent/eligibility';
import { PURPOSES } from '@concord/consent/purposes';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ConsentEventRow } from '../db/tables/consent.table.ts';
import type { Deps } from '../deps.ts';
import { rulesInForce } from './rules.ts';

export interface ConsentEventView {
  id: number;
  purpose: string;
  state: ConsentEventRow['state'];
  lawfulBasis: string;
  recipientIndustries: string[];
  recipientPartners: string[];
  collectionMethod: string;
  source: string;
  noticeVersionId: string | null;
  capturedAt: Date;
  validUntil: Date | null;
  evidenceRef: string | null;
  recordedBy: string | null;
  recordedVia: string;
  recordedAt: Date;
}

export function toEventView(r: ConsentEventRow): ConsentEventView {
  return {
    id: Number(r.id),
    purpose: r.purpose,
    state: r.state,
    lawfulBasis: r.lawful_basis,
    recipientIndustries: r.recipient_industries,
    recipientPartners: r.recipient_partners,
    collectionMethod: r.collection_method,
    source: r.source,
    noticeVersionId: r.notice_version_id,
    capturedAt: r.captured_at,
    validUntil: r.valid_until,
    evidenceRef: r.evidence_ref,
    recordedBy: r.recorded_by,
    recordedVia: r.recorded_via,
    recordedAt: r.recorded_at,
  };
}

export function toFacts(e: ConsentEventView): ConsentEventFacts {
  return {
    seq: e.id,
    purpose: e.purpose,
    state: e.state,
    collectionMethod: e.collectionMethod,
    capturedAt: e.capturedAt,
    validUntil: e.validUntil,
    recipientIndustries: e.recipientIndustries,
    recipientPartners: e.recipientPartners,
  };
}

export async function consentHistory(db: Kysely<Database>, customerId: string): Promise<ConsentEventView[]> {
  const rows = await db
    .selectFrom('consent_event')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('captured_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toEventView);
}

export interface PurposeState {
  purpose: string;
  /** `none` when nothing was ever recorded; `expired` also when a given consent is past its valid-until. */
  state: ConsentEventRow['state'] | 'none';
  /** The event that decides the state (may be an ancestor's withdrawal). */
  event: ConsentEventView | null;
}

/** The derived state of every purpose in the taxonomy at `at`. */
export async function currentConsent(
  deps: Pick<Deps, 'db'>,
  input: { customerId: string; at: Date },
): Promise<PurposeState[]> {
  const { at } = input;
  const history = await consentHistory(deps.db, input.customerId);
  const facts = history.map((e) => ({ ...toFacts(e), view: e }));
  return PURPOSES.map((p) => {
    const e = decidingEvent(facts, p.id, at);
    if (!e) return { purpose: p.id, state: 'none', event: null };
    const lapsed = e.state === 'given' && e.validUntil !== null && e.validUntil.getTime() <= at.getTime();
    return { purpose: p.id, state: lapsed ? 'expired' : e.state, event: e.view };
  });
}

/** The single decision for one customer × purpose × recipient × time, from the database. */
export async function checkEligibility(
  deps: Pick<Deps, 'db'>,
  input: { customerId: string; purpose: string; recipient: Recipient; at: Date },
): Promise<Decision> {
  const [history, rules] = await Promise.all([
    consentHistory(deps.db, input.customerId),
    rulesInForce(deps.db, input.at),
  ]);
  return decide({
    events: history.map(toFacts),
    purpose: input.purpose,
    recipient: input.recipient,
    at: input.at,
    rule: ruleFor(rules, input.purpose),
  });
}
