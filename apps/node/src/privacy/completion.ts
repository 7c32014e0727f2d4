// Whether a carried-out request has reached everything this node knows of: every live publication and every
// audience list has dropped the person for the purposes concerned (a publication only once the clean room
// acknowledged the delta that removed them).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { PrivacyRequestRow } from '../db/tables/privacy.table.ts';

export interface Propagation {
  /** Publication memberships (live or uploading) that covered the purposes. */
  publications: { held: number; dropped: number };
  /** Audience lists for the purposes that held the person. */
  lists: { held: number; dropped: number };
  /**
   * Withdrawal deltas since the request was carried out not yet acknowledged by the clean room. Informative: a held
   * membership is released only by an acknowledged delta, so `publications.held` already waits for them.
   */
  pendingDeltas: number;
  /** When the last of those removals happened; the completion time once nothing is held. */
  lastRemovalAt: Date | null;
  done: boolean;
}

/** `p` covers a purpose column when equal to it or an ancestor of it (withdrawing `marketing` covers `marketing.*`). */
function covers(purposes: string[] | null, column: ReturnType<typeof sql.ref>) {
  if (purposes === null) return sql<boolean>`true`;
  return sql<boolean>`(${sql.join(
    purposes.map((p) => sql`(${column} = ${p} or ${column} like ${`${p}.%`})`),
    sql` or `,
  )})`;
}

export async function propagationOf(db: Kysely<Database>, req: PrivacyRequestRow): Promise<Propagation> {
  const purposes = req.kind === 'erasure' ? null : req.purposes;
  const since = req.actioned_at ?? req.received_at;
  const { rows: pubs } = await sql<{ held: number; dropped: number; last: Date | null }>`
    select count(*) filter (where pm.removed_at is null)::int as held,
           count(*) filter (where pm.removed_at is not null)::int as dropped,
           max(pm.removed_at) filter (where pm.removed_at >= ${since}) as last
    from publication_member pm
    join publication p on p.id = pm.publication_id and p.status in ('uploading', 'live')
    where pm.customer_id = ${req.customer_id}
      and exists (select 1 from jsonb_array_elements_text(p.purposes) with ordinality as x(purpose, i)
                  where ${covers(purposes, sql.ref('x.purpose'))}
                    and (pm.purpose_mask & (1 << (x.i::int - 1))) <> 0)`.execute(db);
  const { rows: lists } = await sql<{ held: number; dropped: number }>`
    select count(*) filter (where lm.removed_at is null)::int as held,
           count(*) filter (where lm.removed_at is not null)::int as dropped
    from audience_list_member lm join audience_list l on l.id = lm.list_id
    where lm.customer_id = ${req.customer_id} and ${covers(purposes, sql.ref('l.purpose'))}`.execute(db);
  const { rows: deltas } = await sql<{ pending: number }>`
    select count(*) filter (where processed_at is null)::int as pending
    from withdrawal_outbox where customer_id = ${req.customer_id} and created_at >= ${since}`.execute(db);
  const p = pubs[0] ?? { held: 0, dropped: 0, last: null };
  const l = lists[0] ?? { held: 0, dropped: 0 };
  const d = deltas[0] ?? { pending: 0 };
  // Stored lists drop the person in the carrying-out transaction itself; publications when the clean room confirms.
  const times = [p.last, req.actioned_at].filter((t): t is Date => t !== null).map((t) => new Date(t));
  const lastRemovalAt = times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : null;
  return {
    publications: { held: Number(p.held), dropped: Number(p.dropped) },
    lists: { held: Number(l.held), dropped: Number(l.dropped) },
    pendingDeltas: Number(d.pending),
    lastRemovalAt,
    done: Number(p.held) === 0 && Number(l.held) === 0,
  };
}
