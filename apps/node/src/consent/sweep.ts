import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
import { type ConsentEventInput, recordConsentEvents } from './record.ts';

/** node_meta key: validity ends up to this instant have been swept (bounds each sweep to what lapsed since). */
export const SWEEP_WATERMARK_KEY = 'consent.expiry_sweep.until';

/**
 * Appends an `expired` event for every (customer, purpose) whose deciding event is a `given` that lapsed in
 * (watermark, now] — one set-based query over the valid_until index, one batched insert — then moves the
 * watermark. Eligibility already treats lapsed consent as expired; the event makes it visible in the history
 * and queues removal from publications. A consent recorded already lapsed was never eligible, so skipping it
 * loses nothing.
 */
export async function sweepExpiredConsents(deps: Pick<Deps, 'db' | 'now'>): Promise<{ expired: number }> {
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    const marks = await sql<{ value: string }>`
      select value from node_meta where key = ${SWEEP_WATERMARK_KEY} for update`.execute(trx);
    const mark = marks.rows[0];
    const since = mark ? new Date(mark.value) : new Date(0);
    const lapsedPairs = trx
      .selectFrom('consent_event')
      .select(['customer_id', 'purpose'])
      .distinct()
      .where('state', '=', 'given')
      .where('valid_until', '>', since)
      .where('valid_until', '<=', now);
    const latest = trx
      .selectFrom('consent_event as e')
      .innerJoin(lapsedPairs.as('p'), (j) =>
        j.onRef('p.customer_id', '=', 'e.customer_id').onRef('p.purpose', '=', 'e.purpose'),
      )
      .selectAll('e')
      .distinctOn(['e.customer_id', 'e.purpose'])
      .where('e.captured_at', '<=', now)
      .orderBy('e.customer_id')
      .orderBy('e.purpose')
      .orderBy('e.captured_at', 'desc')
      .orderBy('e.id', 'desc');
    const lapsed = await trx
      .selectFrom(latest.as('l'))
      .select(['l.customer_id', 'l.purpose', 'l.valid_until', 'l.lawful_basis'])
      .where('l.state', '=', 'given')
      .where('l.valid_until', '<=', now)
      .execute();
    const events: ConsentEventInput[] = lapsed.map((l) => ({
      customerId: l.customer_id,
      purpose: l.purpose,
      state: 'expired',
      lawfulBasis: l.lawful_basis as ConsentEventInput['lawfulBasis'],
      recipientIndustries: [],
      recipientPartners: [],
      collectionMethod: 'other',
      source: 'expiry-sweep',
      noticeVersionId: null,
      // Expired as of its valid-until, so the history reads in the order things happened.
      capturedAt: l.valid_until!,
      validUntil: null,
      evidenceRef: null,
    }));
    if (events.length > 0)
      await recordConsentEvents({ db: trx, now: () => now }, { events, actor: SYSTEM_ACTOR, via: 'sweep' });
    if (now > since) {
      await trx
        .insertInto('node_meta')
        .values({ key: SWEEP_WATERMARK_KEY, value: now.toISOString() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: now.toISOString() }))
        .execute();
    }
    return { expired: events.length };
  });
}
