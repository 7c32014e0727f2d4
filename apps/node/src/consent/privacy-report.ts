// The Art. 15/19 report for one person: consent history, where their data went (collaborations, publications, lists), erasure.
import type { Kysely } from 'kysely';
import { type DataTrail, dataTrail } from '../collab/trail.ts';
import type { Database } from '../db/database.ts';
import { type ConsentEventView, consentHistory } from './state.ts';

export interface PrivacyReport {
  customerId: string;
  /** False once erased: only the tombstone and the trail (ids, no personal data) remain. */
  exists: boolean;
  erasure: { erasedAt: Date; requestRef: string | null; removed: Record<string, number> } | null;
  consentHistory: ConsentEventView[];
  trail: DataTrail;
}

export async function privacyReport(db: Kysely<Database>, customerId: string): Promise<PrivacyReport> {
  const [customer, tomb, history, trail] = await Promise.all([
    db.selectFrom('customer').select('id').where('id', '=', customerId).executeTakeFirst(),
    db.selectFrom('erasure_tombstone').selectAll().where('customer_id', '=', customerId).executeTakeFirst(),
    consentHistory(db, customerId),
    dataTrail(db, customerId),
  ]);
  return {
    customerId,
    exists: customer !== undefined,
    erasure: tomb ? { erasedAt: tomb.erased_at, requestRef: tomb.request_ref, removed: tomb.removed } : null,
    consentHistory: history,
    trail,
  };
}
