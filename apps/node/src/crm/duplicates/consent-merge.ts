// The consent rule of a merge: per purpose, the most restrictive current state of the two records wins.
import { WILDCARD } from '@concord/consent/events';
import type { Transaction } from 'kysely';
import type { ConsentEventInput } from '../../consent/record.ts';
import type { Database } from '../../db/database.ts';
import type { ConsentEventRow } from '../../db/tables/consent.table.ts';

/** withdrawn > refused > expired > given. */
const STRICTNESS: Record<ConsentEventRow['state'], number> = {
  given: 0,
  expired: 1,
  refused: 2,
  withdrawn: 3,
};

/** Current (latest) event per purpose of one customer. */
export async function latestEventPerPurpose(
  trx: Transaction<Database>,
  customerId: string,
): Promise<Map<string, ConsentEventRow>> {
  const rows = await trx
    .selectFrom('consent_event')
    .selectAll()
    .distinctOn('purpose')
    .where('customer_id', '=', customerId)
    .orderBy('purpose')
    .orderBy('captured_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.purpose, r]));
}

function later(a: ConsentEventRow, b: ConsentEventRow): ConsentEventRow {
  const d = a.captured_at.getTime() - b.captured_at.getTime();
  return d > 0 || (d === 0 && Number(a.id) > Number(b.id)) ? a : b;
}

function intersect(a: string[], b: string[]): string[] {
  if (a.includes(WILDCARD)) return b;
  if (b.includes(WILDCARD)) return a;
  return a.filter((x) => b.includes(x));
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * The events to append to the survivor so that, once the merged record's events are moved over, each purpose's
 * current state is the stricter of the two: a refusal/withdrawal/expiry on either side wins over a consent;
 * two consents become one whose recipients are the intersection and whose validity ends at the earlier end.
 */
export function strictestEvents(
  survivorId: string,
  survivor: Map<string, ConsentEventRow>,
  merged: Map<string, ConsentEventRow>,
  now: Date,
): ConsentEventInput[] {
  const out: ConsentEventInput[] = [];
  for (const [purpose, m] of merged) {
    const s = survivor.get(purpose);
    if (!s) continue;
    const current = later(s, m);
    const base = {
      customerId: survivorId,
      purpose,
      lawfulBasis: s.lawful_basis as ConsentEventInput['lawfulBasis'],
      collectionMethod: 'other' as const,
      source: 'customer merge',
      noticeVersionId: s.notice_version_id ?? m.notice_version_id,
      evidenceRef: null,
    };
    if (s.state !== 'given' || m.state !== 'given') {
      const strict = STRICTNESS[s.state] >= STRICTNESS[m.state] ? s : m;
      if (current.state === strict.state) continue;
      out.push({
        ...base,
        state: strict.state,
        recipientIndustries: strict.recipient_industries,
        recipientPartners: strict.recipient_partners,
        capturedAt: now,
        validUntil: null,
      });
      continue;
    }
    const industries = intersect(s.recipient_industries, m.recipient_industries);
    const partners = s.recipient_partners.filter((p) => m.recipient_partners.includes(p));
    const ends = [s.valid_until, m.valid_until].filter((d): d is Date => d !== null).map((d) => d.getTime());
    const validUntil = ends.length > 0 ? new Date(Math.min(...ends)) : null;
    const unchanged =
      sameSet(current.recipient_industries, industries) &&
      sameSet(current.recipient_partners, partners) &&
      (current.valid_until?.getTime() ?? null) === (validUntil?.getTime() ?? null);
    if (unchanged) continue;
    // Just after the later of the two, so it is the current event (consent age counts from the younger one).
    const capturedAt = new Date(current.captured_at.getTime() + 1);
    const noScope = industries.length === 0 && partners.length === 0;
    const ended = validUntil !== null && validUntil <= capturedAt;
    out.push({
      ...base,
      state: noScope ? 'withdrawn' : ended ? 'expired' : 'given',
      recipientIndustries: industries,
      recipientPartners: partners,
      capturedAt: noScope || ended ? now : capturedAt,
      validUntil: noScope || ended ? null : validUntil,
    });
  }
  return out;
}
