// Which recorded consent events end some sharing: negative events (with every sub-purpose they cover) and renewed
// givens that cover fewer recipients or end sooner than the ones they replace.

import { WILDCARD } from '@concord/consent/events';
import { isWithin, PURPOSES } from '@concord/consent/purposes';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ConsentEventRow } from '../db/tables/consent.table.ts';
import type { IneligibleChange } from './propagate.ts';
import type { ConsentEventInput } from './record.ts';

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

export type PrevByPair = Map<string, ConsentEventRow>;

/**
 * A renewed `given` that covers fewer recipients (or ends sooner) also ends some sharing: find the previous
 * own-purpose event of each pair, in one query per chunk, before inserting.
 */
export async function previousGivens(
  trx: Transaction<Database>,
  inputs: readonly ConsentEventInput[],
): Promise<PrevByPair> {
  const givens = inputs.filter((i) => i.state === 'given');
  const prevByPair: PrevByPair = new Map();
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
  return prevByPair;
}

/** The (customer, purpose) pairs the events end: narrowed givens, and every purpose a negative event covers. */
export function ineligibleChanges(
  inputs: readonly ConsentEventInput[],
  prevByPair: PrevByPair,
): IneligibleChange[] {
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
  return ineligible;
}
