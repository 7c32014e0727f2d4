// Art. 15 access: everything this node holds about one person — record and identifiers, purchases, interactions,
// follow-ups, segments, consent history — and where their data went (the Art. 19 trail: publications, lists).
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import { type Actor, auditActor } from '../auth/actor.ts';
import { type PrivacyReport, privacyReport } from '../consent/privacy-report.ts';
import { type CustomerView, getCustomer } from '../crm/customers/customers.ts';
import { type InteractionView, toInteractionView } from '../crm/history/interactions.ts';
import type { Database } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
import { complete } from './carry-out.ts';

export interface AccessExport {
  /** Format marker for whoever reads the file later. */
  format: 'concord.access-export/1';
  generatedAt: Date;
  requestId: string;
  customer: CustomerView | null;
  purchases: Array<{
    product: string;
    category: string | null;
    price: number;
    quantity: number;
    purchasedAt: Date;
  }>;
  interactions: InteractionView[];
  followUps: Array<{ dueDate: string; status: string; channel: string | null; note: string | null }>;
  segments: string[];
  /** Consent history, erasure tombstone and the Art. 19 trail (collaborations, publications, lists, removals). */
  report: PrivacyReport;
}

async function collect(db: Kysely<Database>, customerId: string) {
  const [purchases, interactions, followUps, segments] = await Promise.all([
    db
      .selectFrom('purchase')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('purchased_at')
      .execute(),
    db
      .selectFrom('interaction')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('occurred_at')
      .execute(),
    db
      .selectFrom('follow_up')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('due_date')
      .execute(),
    db
      .selectFrom('segment_member as m')
      .innerJoin('segment as s', 's.id', 'm.segment_id')
      .select('s.name')
      .where('m.customer_id', '=', customerId)
      .orderBy('s.name')
      .execute(),
  ]);
  return {
    purchases: purchases.map((p) => ({
      product: p.product,
      category: p.category,
      price: Number(p.price),
      quantity: Number(p.quantity),
      purchasedAt: p.purchased_at,
    })),
    interactions: interactions.map(toInteractionView),
    followUps: followUps.map((f) => ({
      dueDate: String(f.due_date),
      status: f.status,
      channel: f.channel,
      note: f.note,
    })),
    segments: segments.map((s) => s.name),
  };
}

/** Builds the export for an access request and completes it (the answer is the export, at this time). */
export async function exportAccessRequest(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string; actor: Actor },
): Promise<AccessExport> {
  const { db } = deps;
  const { id, actor } = input;
  const now = deps.now();
  const r = await db.selectFrom('privacy_request').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new ConcordError('NOT_FOUND', 'no such privacy request');
  if (r.kind !== 'access') throw new ConcordError('CONFLICT', 'only an access request has an export');
  const exists = await db
    .selectFrom('customer')
    .select('id')
    .where('id', '=', r.customer_id)
    .executeTakeFirst();
  const out: AccessExport = {
    format: 'concord.access-export/1',
    generatedAt: now,
    requestId: id,
    customer: exists ? await getCustomer(db, r.customer_id) : null,
    ...(await collect(db, r.customer_id)),
    report: await privacyReport(db, r.customer_id),
  };
  const counts = {
    purchases: out.purchases.length,
    interactions: out.interactions.length,
    consentEvents: out.report.consentHistory.length,
    publications: out.report.trail.publications.length,
    lists: out.report.trail.lists.length,
  };
  await inTransaction(db, async (trx) => {
    // Every export is recorded (counts only); the first one answers the request.
    await appendAudit(trx, {
      action: 'privacy_request.access_exported',
      subjectType: 'PrivacyRequest',
      subjectId: id,
      ...auditActor(actor),
      at: now,
      data: counts,
    });
    if (r.status !== 'completed') {
      await complete({ db: trx }, { request: r, at: now, completion: { exported: counts }, actor });
    }
  });
  return out;
}
