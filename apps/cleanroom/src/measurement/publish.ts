// Measurement, receiver side: a list's receiver publishes which list members were treated, held out and converted.
// Only members of that list are kept; the set replaces the previous version for the same (list, campaign key).
import type { MeasurementSummary, PublishMeasurementInput } from '@concord/protocol/contract/measurements';
import { ConcordError } from '@concord/protocol/errors';
import type { Selectable } from 'kysely';
import { type Kysely, sql, type Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import { type ActiveCollaboration, requireActive } from '../collab/collaborations.ts';
import type { Database } from '../db/database.ts';
import type { MeasurementTable } from '../db/tables/measurement.table.ts';
import { iso } from '../lib/encoding.ts';
import type { PartnerIdentity } from '../partners/partners.ts';

type Input = Omit<PublishMeasurementInput, 'revenueBand'> & { revenueBand?: string | null | undefined };

/** Refuses unless the collaboration's approved policy allows measurement (older policies lack the field). */
export function requireMeasurementAllowed(collab: ActiveCollaboration): void {
  if (collab.policy.measurement !== true) {
    throw new ConcordError('POLICY_REFUSED', 'this collaboration does not allow campaign measurement');
  }
}

/** The partners whose publications the list was matched against: the ones who enabled it. */
export async function enablersOf(db: Kysely<Database> | Transaction<Database>, publicationIds: string[]) {
  if (publicationIds.length === 0) return [];
  const rows = await db
    .selectFrom('publications')
    .select('owner_id')
    .where('id', 'in', publicationIds)
    .execute();
  return [...new Set(rows.map((r) => r.owner_id))].sort();
}

export async function publishMeasurement(
  trx: Transaction<Database>,
  now: Date,
  partner: PartnerIdentity,
  input: Input,
) {
  const collab = await requireActive(trx, partner.id, input.collaborationId, now);
  requireMeasurementAllowed(collab);
  const list = await trx.selectFrom('lists').selectAll().where('id', '=', input.listId).executeTakeFirst();
  // Another partner's list is indistinguishable from a missing one.
  if (!list || list.receiver_id !== partner.id || list.collaboration_id !== collab.row.id) {
    throw new ConcordError('NOT_FOUND', 'no such list');
  }
  checkGroups(input);
  const row = await trx
    .insertInto('measurements')
    .values({
      collaboration_id: collab.row.id,
      list_id: list.id,
      publisher_id: partner.id,
      campaign_key: input.campaignKey,
      version: 1,
      revenue_band: input.revenueBand ?? null,
      published_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['list_id', 'campaign_key']).doUpdateSet((eb) => ({
        version: sql`${eb.ref('measurements.version')} + 1`,
        revenue_band: input.revenueBand ?? null,
        published_at: now,
      })),
    )
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  await trx.deleteFrom('measurement_members').where('measurement_id', '=', row.id).execute();
  const { accepted, sent } = await insertMembers(trx, row.id, list.id, input);
  const enablers = await enablersOf(trx, list.counterpart_publication_ids);
  await appendAudit(trx, now, {
    action: 'measurement.published',
    actorId: partner.id,
    collaborationId: collab.row.id,
    partnerIds: [partner.id, ...enablers],
    details: { measurementId: row.id, listId: list.id, version: row.version },
  });
  return {
    measurementId: row.id,
    version: row.version,
    accepted,
    ignored: sent - accepted.treated - accepted.holdout,
  };
}

/** Treated and held-out groups are disjoint; converted members come from one of them. */
function checkGroups(input: Input): void {
  const holdout = new Set(input.holdout);
  const overlap = input.treated.filter((m) => holdout.has(m));
  if (overlap.length > 0) throw new ConcordError('BAD_INPUT', 'a member cannot be both treated and held out');
  const grouped = new Set([...input.treated, ...input.holdout]);
  if (input.converted.some((m) => !grouped.has(m))) {
    throw new ConcordError('BAD_INPUT', 'every converted member must be in the treated or holdout group');
  }
}

/** Stores the groups' members that are still on the list; counts what was accepted and how many were sent. */
async function insertMembers(
  trx: Transaction<Database>,
  measurementId: string,
  listId: string,
  input: Input,
) {
  const converted = new Set(input.converted);
  const members = [
    ...input.treated.map((m) => ({ hex: m, grp: 0 })),
    ...input.holdout.map((m) => ({ hex: m, grp: 1 })),
  ];
  // Keep only the list's current members (a withdrawal delta may already have removed someone).
  const res = await sql<{ grp: number; converted: boolean; n: number }>`
    with ins as (
      insert into measurement_members (measurement_id, member_id, grp, converted)
      select ${measurementId}::uuid, decode(x.hex, 'hex'), x.grp, x.converted
      from unnest(${members.map((m) => m.hex)}::text[], ${members.map((m) => m.grp)}::int2[],
                  ${members.map((m) => converted.has(m.hex))}::bool[]) as x(hex, grp, converted)
      where list_has_member(${listId}::uuid, decode(x.hex, 'hex'))
      returning grp, converted)
    select grp, converted, count(*)::int as n from ins group by grp, converted`.execute(trx);
  const accepted = { treated: 0, holdout: 0, converted: 0 };
  for (const r of res.rows) {
    const n = Number(r.n);
    if (Number(r.grp) === 0) accepted.treated += n;
    else accepted.holdout += n;
    if (r.converted) accepted.converted += n;
  }
  return { accepted, sent: members.length };
}

function summary(m: Selectable<MeasurementTable>, enablerIds: string[]): MeasurementSummary {
  return {
    id: m.id,
    collaborationId: m.collaboration_id,
    listId: m.list_id,
    publisherId: m.publisher_id,
    enablerIds,
    campaignKey: m.campaign_key,
    version: m.version,
    publishedAt: iso(m.published_at),
  };
}

/** Measurements the caller published or enabled (never anyone else's). */
export async function listMeasurements(
  db: Kysely<Database>,
  partner: PartnerIdentity,
  collaborationId?: string,
): Promise<{ measurements: MeasurementSummary[] }> {
  let q = db
    .selectFrom('measurements as m')
    .innerJoin('lists as l', 'l.id', 'm.list_id')
    .selectAll('m')
    .select('l.counterpart_publication_ids')
    .orderBy('m.published_at', 'desc');
  if (collaborationId) q = q.where('m.collaboration_id', '=', collaborationId);
  const out: MeasurementSummary[] = [];
  for (const r of await q.execute()) {
    const enablers = await enablersOf(db, r.counterpart_publication_ids);
    if (r.publisher_id === partner.id || enablers.includes(partner.id)) out.push(summary(r, enablers));
  }
  return { measurements: out };
}
