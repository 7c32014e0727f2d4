// Pulls `lists.removals` from the clean room: people on our stored lists whose partner-side counterpart left the
// partner's data (withdrawal, erasure, rule change, leaving) leave our audiences, with a notice and an audit event.
import { type Kysely, sql, type Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';
import type { FederationDeps } from './deps.ts';

/** The removed_reason / notice reason for a removal that came from a partner's side. */
export const PARTNER_REMOVAL = 'partner_consent_ended';
/** node_meta key: the clean room's cursor of the last removal applied. */
const CURSOR_KEY = 'cleanroom.list_removals_cursor';
const PAGE = 10_000;

async function readCursor(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db
    .selectFrom('node_meta')
    .select('value')
    .where('key', '=', CURSOR_KEY)
    .executeTakeFirst();
  return row?.value;
}

interface Removal {
  listId: string;
  memberId: string;
}

/** Applies one page in one transaction with the cursor, so a crash or retry never applies a removal twice. */
async function applyPage(trx: Transaction<Database>, removals: Removal[], cursor: string, at: Date) {
  let applied = 0;
  if (removals.length > 0) {
    // Member ids are stable across versions of our publication: resolve through any of the collaboration's.
    const { rows } = await sql<{ list_id: string; n: number }>`
      with incoming as (
        select l.id as list_id, l.collaboration_id, decode(x.member_hex, 'hex') as member_id
        from unnest(${removals.map((r) => r.listId)}::text[], ${removals.map((r) => r.memberId)}::text[])
          as x(cleanroom_list_id, member_hex)
        join audience_list l on l.cleanroom_list_id = x.cleanroom_list_id),
      people as (
        select distinct i.list_id, pm.customer_id from incoming i
        join publication p on p.collaboration_id = i.collaboration_id
        join publication_member pm on pm.publication_id = p.id and pm.member_id = i.member_id),
      gone as (
        update audience_list_member lm set removed_at = clock_timestamp(), removed_reason = ${PARTNER_REMOVAL}
        from people x where lm.list_id = x.list_id and lm.customer_id = x.customer_id and lm.removed_at is null
        returning lm.list_id)
      select g.list_id::text as list_id, count(*)::int as n from gone g group by g.list_id`.execute(trx);
    for (const r of rows) {
      applied += Number(r.n);
      await trx
        .insertInto('audience_list_change')
        .values({ list_id: r.list_id, removed: Number(r.n), reason: PARTNER_REMOVAL })
        .execute();
      await appendAudit(trx, {
        action: 'list.members_removed',
        subjectType: 'AudienceList',
        subjectId: r.list_id,
        actorId: null,
        actor: 'system',
        at,
        data: { removed: Number(r.n), reason: PARTNER_REMOVAL },
      });
    }
  }
  await trx
    .insertInto('node_meta')
    .values({ key: CURSOR_KEY, value: cursor })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: cursor }))
    .execute();
  return applied;
}

/**
 * One pull: every removal since our cursor, applied to the stored audiences they concern (lists not fetched yet
 * need nothing: the clean room already dropped the member). Returns the audience memberships removed.
 */
export async function pullListRemovals(
  deps: Pick<FederationDeps, 'db' | 'cleanroom' | 'now'>,
): Promise<number> {
  // No stored audience, nothing to update: spare the clean room a call (a list fetched later is already current).
  const stored = await deps.db
    .selectFrom('audience_list')
    .select('id')
    .where('status', '=', 'ready')
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', deps.now())]))
    .limit(1)
    .executeTakeFirst();
  if (!stored) return 0;
  let after = await readCursor(deps.db);
  let applied = 0;
  for (;;) {
    const page = await deps.cleanroom.listRemovals({ ...(after ? { after } : {}), limit: PAGE });
    if (page.removals.length === 0) return applied;
    const cursor = page.nextCursor;
    applied += await deps.db
      .transaction()
      .execute((trx) => applyPage(trx, page.removals, cursor, deps.now()));
    after = cursor;
    if (page.removals.length < PAGE) return applied;
  }
}

export interface ListSync {
  /** Resolves when the current pull (if any) has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Polls the clean room for list removals every `intervalMs` (one pull at a time; failures retry next tick). */
export function startListSync(
  deps: Pick<FederationDeps, 'db' | 'cleanroom' | 'now' | 'logger'>,
  input: { intervalMs: number },
): ListSync {
  let current: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (current || stopped) return;
    current = pullListRemovals(deps)
      .then(() => undefined)
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'pulling list removals failed'))
      .finally(() => {
        current = null;
      });
  };
  const timer = setInterval(tick, input.intervalMs);
  timer.unref();
  tick();
  return {
    idle: async () => {
      while (current) await current;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      while (current) await current;
    },
  };
}
