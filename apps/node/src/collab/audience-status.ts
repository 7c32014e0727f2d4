// Current state of stored audiences: how many people are on each now, and what changed since it was received.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface AudienceChange {
  at: Date;
  removed: number;
  /** `partner_consent_ended` (the partner-side person left), or our own customer's reason (`withdrawn`, …). */
  reason: string;
}

export interface AudienceStatus {
  /** People on the list now (withdrawn, erased and partner-removed people excluded). */
  current: number;
  /** Changes since the list was received, newest first (at most 20). */
  changes: AudienceChange[];
}

const CHANGES_SHOWN = 20;

/** Counts are computed on read from the members table, so they are current wherever a list is shown. */
export async function audienceStatus(
  db: Kysely<Database>,
  listIds: readonly string[],
): Promise<Map<string, AudienceStatus>> {
  const out = new Map<string, AudienceStatus>(listIds.map((id) => [id, { current: 0, changes: [] }]));
  if (listIds.length === 0) return out;
  const counts = await db
    .selectFrom('audience_list_member')
    .select(['list_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('list_id', 'in', [...listIds])
    .where('removed_at', 'is', null)
    .groupBy('list_id')
    .execute();
  for (const c of counts) {
    const s = out.get(c.list_id);
    if (s) s.current = Number(c.n);
  }
  const changes = await db
    .selectFrom('audience_list_change')
    .select(['list_id', 'at', 'removed', 'reason'])
    .where('list_id', 'in', [...listIds])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const ch of changes) {
    const s = out.get(ch.list_id);
    if (s && s.changes.length < CHANGES_SHOWN)
      s.changes.push({ at: ch.at, removed: ch.removed, reason: ch.reason });
  }
  return out;
}
