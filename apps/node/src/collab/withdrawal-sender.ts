// Drains the withdrawal outbox: member-id removals to the clean room, with retries and measured propagation delay.

import { purposeBitSql } from '@concord/federation/purpose-mask';
import { toHex } from '@concord/protocol/encoding';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ReachedList } from '../db/tables/collab.table.ts';
import type { FederationDeps } from './deps.ts';
import { onWithdrawalEnqueued } from './kick.ts';
import { PARTNER_REMOVAL } from './list-removals.ts';
import { tightenDirtyPublications } from './policy.ts';

/** Outbox rows handled per drain round. */
const DRAIN_ROWS = 1_000;
/** Largest removal sent in one call (the contract allows 100k). */
const DELTA_IDS = 50_000;
const MAX_BACKOFF_MS = 60_000;

interface Affected {
  outbox_id: number;
  reason: string;
  publication_id: string;
  cleanroom_publication_id: string;
  member_id: Uint8Array;
}

export interface DrainResult {
  /** Outbox rows completed this round. */
  processed: number;
  /** Members removed at the clean room. */
  removed: number;
  /** Outbox rows that failed and were rescheduled. */
  failed: number;
}

/** Every live (or uploading) publication member the due outbox rows cover, grouped by clean-room publication. */
async function affectedByPublication(db: Kysely<Database>, ids: number[]): Promise<Map<string, Affected[]>> {
  const { rows } = await sql<Affected>`
    select o.id::int as outbox_id, o.reason, pm.publication_id::text as publication_id,
      p.cleanroom_publication_id, pm.member_id
    from withdrawal_outbox o
    join publication_member pm on pm.customer_id = o.customer_id and pm.removed_at is null
    join publication p on p.id = pm.publication_id
      and p.status in ('uploading', 'live') and p.cleanroom_publication_id is not null
    where o.id in (${sql.join(ids)})
      and (o.publication_id is null or o.publication_id = pm.publication_id)
      and (o.purpose is null or exists (
        select 1 from jsonb_array_elements_text(p.purposes) with ordinality as x(purpose, i)
        where (x.purpose = o.purpose or x.purpose like o.purpose || '.%')
          and (pm.purpose_mask & ${purposeBitSql(sql`x.i::int - 1`)}) <> 0))`.execute(db);
  const byPublication = new Map<string, Affected[]>();
  for (const r of rows) {
    const list = byPublication.get(r.cleanroom_publication_id) ?? [];
    list.push(r);
    byPublication.set(r.cleanroom_publication_id, list);
  }
  return byPublication;
}

interface Sent {
  removed: number;
  /** Outbox rows whose removal failed, with the error. */
  failedOutbox: Map<number, string>;
  removedPerOutbox: Map<number, number>;
}

/** Sends one removal per publication; a failed publication marks its outbox rows failed and the rest go on. */
async function sendRemovals(
  deps: Pick<FederationDeps, 'db' | 'cleanroom' | 'logger'>,
  byPublication: Map<string, Affected[]>,
): Promise<Sent> {
  const sent: Sent = { removed: 0, failedOutbox: new Map(), removedPerOutbox: new Map() };
  for (const [cleanroomPublicationId, members] of byPublication) {
    // Identical member ids can appear twice when a customer has two outbox rows; send each once.
    const unique = [...new Map(members.map((m) => [toHex(new Uint8Array(m.member_id)), m])).entries()];
    const reached = new Map<string, ReachedList>();
    try {
      for (let i = 0; i < unique.length; i += DELTA_IDS) {
        const out = await deps.cleanroom.sendDeltas({
          publicationId: cleanroomPublicationId,
          removeMemberIds: unique.slice(i, i + DELTA_IDS).map(([hex]) => hex),
        });
        for (const l of out.derivedLists ?? []) reached.set(l.listId, l);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      for (const m of members) sent.failedOutbox.set(m.outbox_id, message);
      deps.logger.warn(
        { err: error, publicationId: cleanroomPublicationId },
        'withdrawal delta failed; will retry',
      );
      continue;
    }
    sent.removed += unique.length;
    for (const m of members) {
      sent.removedPerOutbox.set(m.outbox_id, (sent.removedPerOutbox.get(m.outbox_id) ?? 0) + 1);
    }
    await markMembersRemoved(
      deps.db,
      unique.map(([, m]) => m),
      [...reached.values()],
    );
  }
  return sent;
}

/** Marks done rows with their propagation delay and reschedules failed ones with exponential backoff. */
async function settleOutbox(
  db: Kysely<Database>,
  due: Array<{ id: number | string; attempts: number | string }>,
  done: number[],
  sent: Sent,
): Promise<void> {
  if (done.length > 0) {
    const counts = done.map((id) => sql`(${id}::bigint, ${sent.removedPerOutbox.get(id) ?? 0}::int)`);
    await sql`
      update withdrawal_outbox o set processed_at = clock_timestamp(), removed_members = v.n, last_error = null,
        delay_ms = greatest(0, round(extract(epoch from (clock_timestamp() - o.created_at)) * 1000))::int
      from (values ${sql.join(counts)}) as v(id, n)
      where o.id = v.id`.execute(db);
  }
  for (const [id, message] of sent.failedOutbox) {
    const attempts = Number(due.find((r) => Number(r.id) === id)?.attempts ?? 0) + 1;
    const backoff = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempts);
    await db
      .updateTable('withdrawal_outbox')
      .set({
        attempts,
        last_error: message.slice(0, 500),
        next_attempt_at: sql<Date>`clock_timestamp() + make_interval(secs => ${backoff / 1000})`,
      })
      .where('id', '=', id)
      .execute();
  }
}

/**
 * One round: takes due outbox rows, finds every live (or uploading) publication member of those customers whose
 * purpose bits the withdrawal covers (a withdrawn parent purpose covers its sub-purposes), sends one removal per
 * publication, and marks rows done with their propagation delay. Removals are idempotent, so a retry after a
 * partial failure is safe.
 */
export async function drainWithdrawals(
  deps: Pick<FederationDeps, 'db' | 'cleanroom' | 'logger'>,
): Promise<DrainResult> {
  const { db } = deps;
  const due = await db
    .selectFrom('withdrawal_outbox')
    .select(['id', 'attempts'])
    .where('processed_at', 'is', null)
    .where('next_attempt_at', '<=', sql<Date>`clock_timestamp()`)
    .orderBy('id')
    .limit(DRAIN_ROWS)
    .execute();
  if (due.length === 0) return { processed: 0, removed: 0, failed: 0 };
  const ids = due.map((r) => Number(r.id));
  const sent = await sendRemovals(deps, await affectedByPublication(db, ids));
  const done = ids.filter((id) => !sent.failedOutbox.has(id));
  await settleOutbox(db, due, done, sent);
  return { processed: done.length, removed: sent.removed, failed: sent.failedOutbox.size };
}

/**
 * Marks members removed with where the removal went (lists derived from the publication at other partners), and
 * keeps each publication's member count current.
 */
async function markMembersRemoved(
  db: Kysely<Database>,
  members: Affected[],
  reached: ReachedList[],
): Promise<void> {
  const values = members.map(
    (m) => sql`(${m.publication_id}::uuid, ${new Uint8Array(m.member_id)}::bytea, ${m.reason})`,
  );
  const reachedJson = JSON.stringify(reached);
  for (let i = 0; i < values.length; i += 5_000) {
    await sql`
      with gone as (
        update publication_member pm set removed_at = clock_timestamp(), removed_reason = v.reason,
          reached_lists = ${reachedJson}::jsonb
        from (values ${sql.join(values.slice(i, i + 5_000))}) as v(publication_id, member_id, reason)
        where pm.publication_id = v.publication_id and pm.member_id = v.member_id and pm.removed_at is null
        returning pm.publication_id),
      counts as (select publication_id, count(*)::int as n from gone group by publication_id)
      update publication p set member_count = greatest(0, p.member_count - c.n)
      from counts c where p.id = c.publication_id`.execute(db);
  }
}

export interface WithdrawalSender {
  /** Runs a drain now (and again until the outbox has nothing due). */
  kick(): void;
  /** Resolves when the current drain (if any) has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface SenderOptions {
  /** Poll interval when nothing rings (retries and missed kicks), ms. */
  pollMs?: number;
}

/** Background sender: woken by enqueueWithdrawal (in-process) and by a short poll. */
export function startWithdrawalSender(
  deps: Pick<FederationDeps, 'db' | 'cleanroom' | 'now' | 'logger'>,
  input: SenderOptions = {},
): WithdrawalSender {
  const pollMs = input.pollMs ?? 500;
  let stopped = false;
  let again = false;
  let current: Promise<void> | null = null;

  const run = (): void => {
    if (stopped) return;
    if (current) {
      again = true;
      return;
    }
    current = (async () => {
      try {
        do {
          again = false;
          for (;;) {
            const r = await drainWithdrawals(deps);
            if (r.processed + r.failed === 0 || stopped) break;
          }
          await tightenDirtyPublications(deps);
        } while (again && !stopped);
      } catch (error) {
        deps.logger.error({ err: error }, 'withdrawal sender round failed');
      } finally {
        current = null;
      }
    })();
  };

  const timer = setInterval(run, pollMs);
  timer.unref();
  // The enqueuing transaction commits after the ring: look now, and once more shortly after.
  const unsubscribe = onWithdrawalEnqueued(() => {
    setTimeout(run, 5).unref();
    setTimeout(run, 50).unref();
  });
  run();

  return {
    kick: run,
    idle: async () => {
      while (current) await current;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      while (current) await current;
    },
  };
}

export interface WithdrawalStats {
  /** Outbox rows handled (delivered + noOp). */
  processed: number;
  /** Withdrawals that removed something: a member from a live publication, or a person from a stored list. */
  delivered: number;
  /** Handled but nothing to remove (the person was in no live publication or list): reported apart. */
  noOp: number;
  pending: number;
  /** Delay from the consent change to the removal acknowledged by the clean room, over delivered removals. */
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** People removed from our stored lists because the partner-side person they matched left (lists.removals). */
  receivedFromPartners: number;
}

/** Propagation figures over the outbox (optionally since a time): only real removals count as delivered. */
export async function withdrawalStats(db: Kysely<Database>, since?: Date): Promise<WithdrawalStats> {
  const { rows } = await sql<{
    processed: number;
    delivered: number;
    pending: number;
    p50: number | null;
    p99: number | null;
    max: number | null;
  }>`
    select count(*) filter (where processed_at is not null)::int as processed,
      count(*) filter (where processed_at is not null
        and (coalesce(removed_members, 0) > 0 or lists_removed > 0))::int as delivered,
      count(*) filter (where processed_at is null)::int as pending,
      percentile_cont(0.5) within group (order by delay_ms) filter (where removed_members > 0) as p50,
      percentile_cont(0.99) within group (order by delay_ms) filter (where removed_members > 0) as p99,
      max(delay_ms) filter (where removed_members > 0) as max
    from withdrawal_outbox
    ${since ? sql`where created_at >= ${since}` : sql``}`.execute(db);
  let partner = db
    .selectFrom('audience_list_change')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('removed'), sql<number>`0`).as('n'))
    .where('reason', '=', PARTNER_REMOVAL);
  if (since) partner = partner.where('at', '>=', since);
  const received = await partner.executeTakeFirstOrThrow();
  const r = rows[0];
  const num = (v: number | null | undefined) =>
    v === null || v === undefined ? null : Math.round(Number(v));
  const processed = r?.processed ?? 0;
  const delivered = r?.delivered ?? 0;
  return {
    processed,
    delivered,
    noOp: processed - delivered,
    pending: r?.pending ?? 0,
    p50Ms: num(r?.p50),
    p99Ms: num(r?.p99),
    maxMs: num(r?.max),
    receivedFromPartners: Number(received.n),
  };
}
