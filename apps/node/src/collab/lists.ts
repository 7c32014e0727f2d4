// Lists back at the node (DESIGN §7): resolve member ids to own customers, re-check consent, store, export CSV.
import { CONTACT_ID_TYPES, ID_TYPE_REGISTRY } from '@concord/identity';
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import { auditActor } from '../auth/actor.ts';
import { ruleForPurpose } from '../consent/rules.ts';
import type { Database } from '../db/database.ts';
import type { AudienceList } from '../db/tables/collab.table.ts';
import { syncCollaboration } from './collaborations.ts';
import type { FederationDeps } from './deps.ts';
import { nodeIdentity } from './identity.ts';
import { freeListName } from './list-names.ts';
import type { Actor } from './publish.ts';
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
  // Our own rule is checked again when a list comes back: counts only (or no rule) means nothing is stored.
  const rule = await ruleForPurpose(db, summary.purpose, deps.now());
  if (!rule?.listsAllowed) {
    throw new ConcordError('POLICY_REFUSED', `our rules allow counts only for ${summary.purpose}`, {
      reason: 'lists_not_allowed',
      purpose: summary.purpose,
    });
  }
  const c = await syncCollaboration(deps, summary.collaborationId);
  const me = await nodeIdentity(deps);
  const at = deps.now();
  // The people on the list will be contacted for this purpose, using what the partners' data revealed.
  const recipients = c.members
    .filter((m) => m.partnerId !== me.partnerId)
    .map((m) => ({ industry: m.industry, partnerId: m.partnerId }));
  const names = new Map(c.members.map((m) => [m.partnerId, m.name]));
  const partnerSegments = summary.counterpartPublicationIds.map((id) => ({ publicationId: id }));

  const dropped: Record<string, number> = {};
  const bump = (k: string) => {
    dropped[k] = (dropped[k] ?? 0) + 1;
  };
  let received = 0;
  let resolved = 0;

  // Pages are resolved outside any transaction (no transaction is held open across clean-room calls); the row
  // stays `fetching` until complete, and a failed fetch removes it so it can be retried.
  const list = await db
    .insertInto('audience_list')
    .values({
      cleanroom_list_id: summary.id,
      collaboration_id: summary.collaborationId,
      match_id: summary.matchId,
      kind: summary.kind,
      purpose: summary.purpose,
      name: await freeListName(
        db,
        input.name ??
          `${summary.kind === 'cross_sell' ? 'Cross-sell' : 'Referral'} · ${c.name} · ${at.toISOString().slice(0, 10)}`,
      ),
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

  try {
    let page = first;
    for (;;) {
      received += page.memberIds.length;
      if (page.memberIds.length > 0) {
        const { rows } = await sql<Resolved>`
          select x.hex as member_hex, pm.customer_id::text as customer_id,
            (pm.removed_at is not null) as removed,
            (cu.id is not null and cu.deleted_at is null) as customer_exists
          from unnest(${page.memberIds}::text[]) as x(hex)
          left join (publication_member pm join publication p on p.id = pm.publication_id
                     and p.cleanroom_version_id = ${summary.versionId})
            on pm.member_id = decode(x.hex, 'hex')
          left join customer cu on cu.id = pm.customer_id`.execute(db);
        const present: string[] = [];
        for (const r of rows) {
          if (!r.customer_id) bump('unknown_member');
          else if (r.removed) bump('withdrawn_since_publishing');
          else if (!r.customer_exists) bump('customer_deleted');
          else present.push(r.customer_id);
        }
        // Consent is re-checked now, not trusted from publishing time.
        const eligible = await eligibleAmong(db, present, summary.purpose, recipients, at);
        const unique = [...new Set(present.filter((id) => eligible.has(id)))];
        for (const id of present) if (!eligible.has(id)) bump('consent_changed');
        for (let i = 0; i < unique.length; i += 5_000) {
          await db
            .insertInto('audience_list_member')
            .values(
              unique.slice(i, i + 5_000).map((customer_id) => ({
                list_id: list.id,
                customer_id,
                removed_at: null,
                removed_reason: null,
              })),
            )
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        resolved += unique.length;
      }
      if (!page.nextCursor) break;
      page = await deps.cleanroom.fetchList({
        listId: input.listId,
        cursor: page.nextCursor,
        limit: FETCH_PAGE,
      });
    }
  } catch (error) {
    await db.deleteFrom('audience_list').where('id', '=', list.id).execute();
    throw error;
  }

  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('audience_list')
      .set({
        received_count: received,
        resolved_count: resolved,
        dropped: JSON.stringify(dropped),
        status: 'ready',
      })
      .where('id', '=', list.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      action: 'list.fetch',
      subjectType: 'AudienceList',
      subjectId: list.id,
      ...auditActor(input.actor),
      at,
      data: {
        collaborationId: summary.collaborationId,
        matchId: summary.matchId,
        cleanroomListId: summary.id,
        kind: summary.kind,
        purpose: summary.purpose,
        received,
        resolved,
        dropped,
      },
    });
    return toFetched(row, false);
  });
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

export interface AudienceRow {
  customerId: string;
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  /** First valid value of each contact id type (`email`, `phone`: `CONTACT_ID_TYPES`), shown as the registry says. */
  email?: string | null;
  phone?: string | null;
  [contact: string]: string | null | undefined;
}

/** The audience CSV's leading columns: the person, then one column per contact id type. */
export const AUDIENCE_CSV_COLUMNS = ['external_id', 'first_name', 'last_name', ...CONTACT_ID_TYPES] as const;

/** A member's leading CSV cells, in `AUDIENCE_CSV_COLUMNS` order. */
export function audienceCells(r: AudienceRow): Array<string | null> {
  return [r.externalId, r.firstName, r.lastName, ...CONTACT_ID_TYPES.map((t) => r[t] ?? null)];
}

/** Current members of a stored audience (withdrawn and erased people are already gone); EXPIRED past its expiry. */
export async function audienceMembers(
  db: Kysely<Database>,
  listId: string,
  now: Date,
): Promise<AudienceRow[]> {
  const list = await db
    .selectFrom('audience_list')
    .selectAll()
    .where('id', '=', listId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!list) throw new ConcordError('NOT_FOUND', 'no such audience list');
  if (list.status !== 'ready') throw new ConcordError('CONFLICT', 'this list is still being fetched');
  if (list.expires_at && list.expires_at.getTime() <= now.getTime()) {
    throw new ConcordError('EXPIRED', 'this list has expired');
  }
  const { rows } = await sql<AudienceRow & { contacts: Record<string, [string, string]> | null }>`
    select cu.id::text as "customerId", cu.external_id as "externalId", cu.first_name as "firstName",
      cu.last_name as "lastName",
      (select json_object_agg(f.id_type, json_build_array(f.raw, f.normalized)) from (
        select distinct on (i.id_type) i.id_type, i.raw, i.normalized from customer_identifier i
        where i.customer_id = cu.id and i.status = 'valid' and i.id_type = any(${sql.val(CONTACT_ID_TYPES)}::text[])
        order by i.id_type, i.position) f) as contacts
    from audience_list_member lm
    join customer cu on cu.id = lm.customer_id and cu.deleted_at is null
    where lm.list_id = ${listId}::uuid and lm.removed_at is null
    order by cu.external_id`.execute(db);
  // Each contact as its type shows it (phones in international format), the same in the console and in exports.
  return rows.map(({ contacts, ...r }) => {
    const out: AudienceRow = { ...r };
    for (const t of CONTACT_ID_TYPES) {
      const c = contacts?.[t];
      const show = ID_TYPE_REGISTRY[t].contact;
      out[t] = c && show ? show(c[0], c[1]) : null;
    }
    return out;
  });
}

export function csvCell(v: string | null): string {
  if (v === null) return '';
  // Quote when needed; a leading formula character is defused for spreadsheet safety.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV export of an audience, audited. */
export async function exportAudienceCsv(
  db: Kysely<Database>,
  input: { listId: string; actor: Actor; now: Date },
): Promise<{ filename: string; csv: string; rows: number }> {
  const rows = await audienceMembers(db, input.listId, input.now);
  const header = AUDIENCE_CSV_COLUMNS.join(',');
  const lines = rows.map((r) => audienceCells(r).map(csvCell).join(','));
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      action: 'list.export',
      subjectType: 'AudienceList',
      subjectId: input.listId,
      ...auditActor(input.actor),
      at: input.now,
      data: { rows: rows.length, format: 'csv' },
    }),
  );
  return {
    filename: `audience-${input.listId}.csv`,
    csv: `${[header, ...lines].join('\n')}\n`,
    rows: rows.length,
  };
}

/** Deletes the members of expired lists (the list row stays as provenance for the audit trail). */
export async function sweepExpiredLists(db: Kysely<Database>, now: Date): Promise<number> {
  const r = await db
    .deleteFrom('audience_list_member')
    .where('list_id', 'in', (qb) =>
      qb.selectFrom('audience_list').select('id').where('expires_at', '<=', now),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
