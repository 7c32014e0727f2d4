// Stored audiences at the node: their current members, the CSV export (audited) and the expiry sweep.
import { CONTACT_ID_TYPES, ID_TYPE_REGISTRY } from '@concord/identity';
import { ConcordError } from '@concord/protocol/errors';
import { sql } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import { type Actor, auditActor } from '../auth/actor.ts';
import type { Deps } from '../deps.ts';

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
  deps: Pick<Deps, 'db' | 'now'>,
  input: { listId: string },
): Promise<AudienceRow[]> {
  const { db } = deps;
  const { listId } = input;
  const now = deps.now();
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
  deps: Pick<Deps, 'db' | 'now'>,
  input: { listId: string; actor: Actor },
): Promise<{ filename: string; csv: string; rows: number }> {
  const now = deps.now();
  // One reading of the clock for the expiry check and the audit event.
  const rows = await audienceMembers({ db: deps.db, now: () => now }, input);
  const header = AUDIENCE_CSV_COLUMNS.join(',');
  const lines = rows.map((r) => audienceCells(r).map(csvCell).join(','));
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, {
      action: 'list.export',
      subjectType: 'AudienceList',
      subjectId: input.listId,
      ...auditActor(input.actor),
      at: now,
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
export async function sweepExpiredLists(deps: Pick<Deps, 'db' | 'now'>): Promise<number> {
  const now = deps.now();
  const r = await deps.db
    .deleteFrom('audience_list_member')
    .where('list_id', 'in', (qb) =>
      qb.selectFrom('audience_list').select('id').where('expires_at', '<=', now),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
