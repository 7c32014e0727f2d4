// Carrying out a request: a withdrawal or objection withdraws consent, an erasure erases; then the request waits
// until every publication and list has dropped the person (settle), and says so with the time it happened.
import { gpcPurposes } from '@concord/consent/purposes';
import { ConcordError } from '@concord/protocol/errors';
import { appendAudit } from '../audit/log.ts';
import { type Actor, auditActor, SYSTEM_ACTOR } from '../auth/actor.ts';
import { eraseCustomer } from '../consent/erasure.ts';
import { withdrawConsent } from '../consent/record.ts';
import type { PrivacyRequestChannel, PrivacyRequestRow } from '../db/tables/privacy.table.ts';
import { inTransaction } from '../db/transaction.ts';
import { atOneInstant, type Deps } from '../deps.ts';
import { propagationOf } from './completion.ts';
import { getPrivacyRequest, lockPrivacyRequest, type PrivacyRequestView } from './requests.ts';

/** The consent log's collection method for the channel the request came in by. */
const METHOD: Record<
  PrivacyRequestChannel,
  'email' | 'paper_form' | 'phone' | 'web_form' | 'in_person' | 'app' | 'other'
> = {
  email: 'email',
  letter: 'paper_form',
  phone: 'phone',
  web_form: 'web_form',
  in_person: 'in_person',
  app: 'app',
  other: 'other',
};

/**
 * Withdrawal and objection (Art. 21(2): an objection to direct marketing is absolute) append `withdrawn` events for
 * the request's purposes (every sharing purpose when none were named); erasure runs the Art. 17 erasure. Access
 * requests are carried out by their export (access-export.ts).
 */
export async function carryOutPrivacyRequest(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string; actor: Actor },
): Promise<PrivacyRequestView> {
  const once = atOneInstant(deps);
  const { db } = once;
  const { id, actor } = input;
  const now = once.now();
  await inTransaction(db, async (trx) => {
    const r = await lockPrivacyRequest(trx, id);
    if (!r) throw new ConcordError('NOT_FOUND', 'no such privacy request');
    if (r.status !== 'open') throw new ConcordError('CONFLICT', `the request is already ${r.status}`);
    if (r.kind === 'access')
      throw new ConcordError('CONFLICT', 'an access request is answered by its export');
    if (r.kind === 'erasure') {
      await eraseCustomer(
        { db: trx, now: () => now },
        { customerId: r.customer_id, requestRef: r.reference, actor },
      );
    } else {
      await withdrawConsent(
        { db: trx, now: () => now },
        {
          customerId: r.customer_id,
          purposes: r.purposes ?? gpcPurposes(),
          collectionMethod: METHOD[r.channel],
          source: `${r.kind} request ${r.id}`,
          evidenceRef: r.reference,
          actor,
          via: 'console',
        },
      );
    }
    await trx
      .updateTable('privacy_request')
      .set({ status: 'waiting_propagation', actioned_at: now })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      action: 'privacy_request.carried_out',
      subjectType: 'PrivacyRequest',
      subjectId: id,
      ...auditActor(actor),
      at: now,
      data: { kind: r.kind },
    });
  });
  await settlePrivacyRequest(once, { id });
  return getPrivacyRequest(once, { id });
}

/** Completes a waiting request once nothing this node knows of holds the person; returns whether it completed. */
export async function settlePrivacyRequest(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string },
): Promise<boolean> {
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    const r = await lockPrivacyRequest(trx, input.id);
    if (r?.status !== 'waiting_propagation') return false;
    const p = await propagationOf(trx, r);
    if (!p.done) return false;
    await complete(
      { db: trx },
      {
        request: r,
        at: p.lastRemovalAt ?? now,
        completion: { publicationsDropped: p.publications.dropped, listsDropped: p.lists.dropped },
        actor: SYSTEM_ACTOR,
      },
    );
    return true;
  });
}

/**
 * Marks a request completed at `at` (when its last removal landed, or now) with what was done, audited as `actor`;
 * joins the caller's transaction when `deps.db` is one.
 */
export async function complete(
  deps: Pick<Deps, 'db'>,
  input: { request: PrivacyRequestRow; at: Date; completion: Record<string, unknown>; actor: Actor },
): Promise<void> {
  const { request: r, at, completion, actor } = input;
  const trx = deps.db;
  await trx
    .updateTable('privacy_request')
    .set({ status: 'completed', completed_at: at, completion: JSON.stringify(completion) })
    .where('id', '=', r.id)
    .execute();
  await inTransaction(trx, (t) =>
    appendAudit(t, {
      action: 'privacy_request.completed',
      subjectType: 'PrivacyRequest',
      subjectId: r.id,
      ...auditActor(actor),
      at,
      data: { kind: r.kind, ...completion },
    }),
  );
}

/** Settles every waiting request (the sweeper runs this every minute; `privacy.requests.check` on demand). */
export async function settlePrivacyRequests(
  deps: Pick<Deps, 'db' | 'now'>,
): Promise<{ completed: number; waiting: number }> {
  const once = atOneInstant(deps);
  const waiting = await once.db
    .selectFrom('privacy_request')
    .select('id')
    .where('status', '=', 'waiting_propagation')
    .orderBy('due_at')
    .limit(1_000)
    .execute();
  let completed = 0;
  for (const w of waiting) if (await settlePrivacyRequest(once, w)) completed += 1;
  return { completed, waiting: waiting.length - completed };
}
