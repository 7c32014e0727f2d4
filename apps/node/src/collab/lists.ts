// Lists back at the node (DESIGN §7): resolve member ids to own customers, re-check consent, store; listings.
// Members, CSV export and the expiry sweep of stored lists are in audience.ts.
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Actor } from '../auth/actor.ts';
import { auditActor } from '../auth/actor.ts';
import { ruleForPurpose } from '../consent/rules.ts';
import type { Database } from '../db/database.ts';
import type { AudienceList, Collaboration } from '../db/tables/collab.table.ts';
import { syncCollaboration } from './collaborations.ts';
import type { FederationDeps } from './deps.ts';
import { nodeIdentity } from './identity.ts';
import { freeListName } from './list-names.ts';
import { eligibleAmong } from './sources.ts';

const FETCH_PAGE = 10_000;

export interface FetchedList {
  audienceListId: string;
  cleanroomListId: string;
  kind: string;
  purpose: string;
  received: number;
  /** Customers in the stored audience. */
  resolved: number;
  /** Dropped member ids by reason: unknown_member, withdrawn_since_publishing, customer_deleted, consent_changed. */
  dropped: Record<string, number>;
  expiresAt: Date;
  /** True when the list had been fetched before (nothing was stored again). */
  alreadyFetched: boolean;
}

interface Resolved {
  member_hex: string;
  customer_id: string | null;
  removed: boolean;
  customer_exists: boolean;
}

function toFetched(row: AudienceList, alreadyFetched: boolean): FetchedList {
  return {
    audienceListId: row.id,
    cleanroomListId: row.cleanroom_list_id,
    kind: row.kind,
    purpose: row.purpose,
    received: row.received_count,
    resolved: row.resolved_count,
    dropped: row.dropped,
    expiresAt: row.expires_at ?? new Date(0),
    alreadyFetched,
  };
}

type Summary = Awaited<ReturnType<FederationDeps['cleanroom']['fetchList']>>['list'];
type Recipients = Parameters<typeof eligibleAmong>[3];

/** Our own rule is checked again when a list comes back: counts only (or no rule) means nothing is stored. */
async function assertListsAllowed(deps: FederationDeps, purpose: string): Promise<void> {
  const rule = await ruleForPurpose(deps.db, purpose, deps.now());
  if (!rule?.listsAllowed) {
    throw new ConcordError('POLICY_REFUSED', `our rules allow counts only for ${purpose}`, {
      reason: 'lists_not_allowed',
      purpose,
    });
  }
}

/** Claims the list: a `fetching` row (unique per clean-room list) that stays until every page is resolved. */
async function claimList(
  db: Kysely<Database>,
  input: { actor: Actor; name?: string },
  summary: Summary,
  c: Collaboration,
  at: Date,
): Promise<string> {
  const names = new Map(c.members.map((m) => [m.partnerId, m.name]));
  const partnerSegments = summary.counterpartPublicationIds.map((id) => ({ publicationId: id }));
  const fallbackName = `${summary.kind === 'cross_sell' ? 'Cross-sell' : 'Referral'} · ${c.name} · ${at.toISOString().slice(0, 10)}`;
  const list = await db
    .insertInto('audience_list')
    .values({
      cleanroom_list_id: summary.id,
      collaboration_id: summary.collaborationId,
      match_id: summary.matchId,
      kind: summary.kind,
      purpose: summary.purpose,
      name: await freeListName(db, input.name ?? fallbackName),
      partner_segments: JSON.stringify(
        partnerSegments.map((s) => ({
          ...s,
          requester: names.get(summary.requesterId) ?? summary.requesterId,
        })),
      ),
      received_count: 0,
      resolved_count: 0,
      dropped: JSON.stringify({}),
      fetched_by: input.actor.id,
      expires_at: summary.expiresAt,
      status: 'fetching',
    })
    .onConflict((oc) => oc.column('cleanroom_list_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!list) throw new ConcordError('CONFLICT', 'this list is being fetched right now');
  return list.id;
}

interface PageContext {
  db: Kysely<Database>;
  listId: string;
  summary: Summary;
  recipients: Recipients;
  at: Date;
  dropped: Record<string, number>;
}

/** Resolves one page of member ids to customers still eligible now, stores them, and returns how many. */
async function resolvePage(p: PageContext, memberIds: string[]): Promise<number> {
  const bump = (k: string) => {
    p.dropped[k] = (p.dropped[k] ?? 0) + 1;
  };
  const { rows } = await sql<Resolved>`
    select x.hex as member_hex, pm.customer_id::text as customer_id,
      (pm.removed_at is not null) as removed,
      (cu.id is not null and cu.deleted_at is null) as customer_exists
    from unnest(${memberIds}::text[]) as x(hex)
    left join (publication_member pm join publication p on p.id = pm.publication_id
               and p.cleanroom_version_id = ${p.summary.versionId})
      on pm.member_id = decode(x.hex, 'hex')
    left join customer cu on cu.id = pm.customer_id`.execute(p.db);
  const present: string[] = [];
  for (const r of rows) {
    if (!r.customer_id) bump('unknown_member');
    else if (r.removed) bump('withdrawn_since_publishing');
    else if (!r.customer_exists) bump('customer_deleted');
    else present.push(r.customer_id);
  }
  // Consent is re-checked now, not trusted from publishing time.
  const eligible = await eligibleAmong(p.db, present, p.summary.purpose, p.recipients, p.at);
  const unique = [...new Set(present.filter((id) => eligible.has(id)))];
  for (const id of present) if (!eligible.has(id)) bump('consent_changed');
  for (let i = 0; i < unique.length; i += 5_000) {
    await p.db
      .insertInto('audience_list_member')
      .values(
        unique.slice(i, i + 5_000).map((customer_id) => ({
          list_id: p.listId,
          customer_id,
          removed_at: null,
          removed_reason: null,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return unique.length;
}

/** Marks the list ready with its counts and audits the fetch, in one transaction. */
async function finishFetch(
  p: PageContext,
  actor: Actor,
  counts: { received: number; resolved: number },
): Promise<FetchedList> {
  const { summary, dropped } = p;
  return p.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('audience_list')
      .set({
        received_count: counts.received,
        resolved_count: counts.resolved,
        dropped: JSON.stringify(dropped),
        status: 'ready',
      })
      .where('id', '=', p.listId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      action: 'list.fetch',
      subjectType: 'AudienceList',
      subjectId: p.listId,
      ...auditActor(actor),
      at: p.at,
      data: {
        collaborationId: summary.collaborationId,
        matchId: summary.matchId,
        cleanroomListId: summary.id,
        kind: summary.kind,
        purpose: summary.purpose,
        ...counts,
        dropped,
      },
    });
    return toFetched(row, false);
  });
}

/**
 * Fetches a delivered list page by page, resolves every member id through our publication member map, drops
 * anyone removed since publishing or no longer eligible now (current consent towards the partners), and stores
 * the rest as a campaign audience with its provenance.
 */
export async function fetchAudienceList(
  deps: FederationDeps,
  input: { listId: string; actor: Actor; name?: string },
): Promise<FetchedList> {
  const { db } = deps;
  const existing = await db
    .selectFrom('audience_list')
    .selectAll()
    .where('cleanroom_list_id', '=', input.listId)
    .executeTakeFirst();
  if (existing?.status === 'ready') return toFetched(existing, true);
  if (existing) throw new ConcordError('CONFLICT', 'this list is being fetched right now');

  const first = await deps.cleanroom.fetchList({ listId: input.listId, limit: FETCH_PAGE });
  const summary = first.list;
  await assertListsAllowed(deps, summary.purpose);
  const c = await syncCollaboration(deps, summary.collaborationId);
  const me = await nodeIdentity(deps);
  const at = deps.now();
  // The people on the list will be contacted for this purpose, using what the partners' data revealed.
  const recipients = c.members
    .filter((m) => m.partnerId !== me.partnerId)
    .map((m) => ({ industry: m.industry, partnerId: m.partnerId }));
  // Pages are resolved outside any transaction (no transaction is held open across clean-room calls); the row
  // stays `fetching` until complete, and a failed fetch removes it so it can be retried.
  const listId = await claimList(db, input, summary, c, at);
  const p: PageContext = { db, listId, summary, recipients, at, dropped: {} };
  const counts = { received: 0, resolved: 0 };
  try {
    let page = first;
    for (;;) {
      counts.received += page.memberIds.length;
      if (page.memberIds.length > 0) counts.resolved += await resolvePage(p, page.memberIds);
      if (!page.nextCursor) break;
      page = await deps.cleanroom.fetchList({
        listId: input.listId,
        cursor: page.nextCursor,
        limit: FETCH_PAGE,
      });
    }
  } catch (error) {
    await db.deleteFrom('audience_list').where('id', '=', listId).execute();
    throw error;
  }
  return finishFetch(p, input.actor, counts);
}

/** Lists delivered to this node at the clean room (fetched or not). */
export async function deliveredLists(deps: FederationDeps, collaborationId?: string) {
  const { lists } = await deps.cleanroom.fetchLists(collaborationId ? { collaborationId } : {});
  const fetched = await deps.db.selectFrom('audience_list').select(['cleanroom_list_id', 'id']).execute();
  const local = new Map(fetched.map((f) => [f.cleanroom_list_id, f.id]));
  return lists.map((l) => ({ ...l, audienceListId: local.get(l.id) ?? null }));
}

/** Stored lists (deleted ones never); archived ones per `archived`. */
export function listAudienceLists(
  db: Kysely<Database>,
  archived: 'exclude' | 'include' | 'only' = 'include',
): Promise<AudienceList[]> {
  let q = db.selectFrom('audience_list').selectAll().where('deleted_at', 'is', null);
  if (archived === 'exclude') q = q.where('archived_at', 'is', null);
  if (archived === 'only') q = q.where('archived_at', 'is not', null);
  return q.orderBy('fetched_at', 'desc').execute();
}
