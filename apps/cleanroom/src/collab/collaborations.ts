// Collaborations as members see them: the approved member's view for publishing and matching, get and list.
// The lifecycle steps live beside this file: propose.ts, approve.ts, status.ts, leave.ts, purge.ts.
import type { Collaboration, OutputPolicy } from '@concord/protocol/contract/collaborations';
import { toBase64Url } from '@concord/protocol/encoding';
import { ConcordError } from '@concord/protocol/errors';
import type { Selectable } from 'kysely';
import type { CollaborationTable } from '../db/tables/collab.table.ts';
import { bytes, iso } from '../lib/encoding.ts';
import type { DbOrTrx } from './members.ts';

export interface ActiveCollaboration {
  row: Selectable<CollaborationTable>;
  policy: OutputPolicy;
  purposes: string[];
  /** k_min_floor per approved member. */
  floors: Map<string, number | null>;
}

/**
 * The collaboration as seen by an approved member about to publish or match: NOT_FOUND for non-members,
 * EXPIRED past its expiry, COLLABORATION_INACTIVE unless active.
 */
export async function requireActive(
  db: DbOrTrx,
  partnerId: string,
  collaborationId: string,
  now: Date,
): Promise<ActiveCollaboration> {
  const row = await db
    .selectFrom('collaborations')
    .selectAll()
    .where('id', '=', collaborationId)
    .executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such collaboration');
  const members = await db
    .selectFrom('collaboration_members')
    .select(['partner_id', 'status', 'k_min_floor'])
    .where('collaboration_id', '=', collaborationId)
    .execute();
  const me = members.find((m) => m.partner_id === partnerId);
  if (!me || me.status === 'left') throw new ConcordError('NOT_FOUND', 'no such collaboration');
  if (row.status === 'expired' || row.expires_at <= now)
    throw new ConcordError('EXPIRED', 'collaboration has expired');
  if (row.status !== 'active')
    throw new ConcordError('COLLABORATION_INACTIVE', `collaboration is ${row.status}`);
  return {
    row,
    policy: row.policy as OutputPolicy,
    purposes: row.purposes,
    floors: new Map(members.filter((m) => m.status === 'approved').map((m) => [m.partner_id, m.k_min_floor])),
  };
}

export async function getCollaboration(
  db: DbOrTrx,
  partnerId: string,
  collaborationId: string,
  now: Date,
): Promise<{ collaboration: Collaboration }> {
  const list = await loadCollaborations(db, partnerId, now, { id: collaborationId });
  const collaboration = list[0];
  if (!collaboration) throw new ConcordError('NOT_FOUND', 'no such collaboration');
  return { collaboration };
}

export async function listCollaborations(
  db: DbOrTrx,
  partnerId: string,
  now: Date,
  status?: Collaboration['status'],
): Promise<{ collaborations: Collaboration[] }> {
  const all = await loadCollaborations(db, partnerId, now, {});
  return { collaborations: status ? all.filter((c) => c.status === status) : all };
}

/** Collaborations the partner is (or was) a member of, with only its own wrapped secret. */
async function loadCollaborations(
  db: DbOrTrx,
  partnerId: string,
  now: Date,
  filter: { id?: string },
): Promise<Collaboration[]> {
  let q = db
    .selectFrom('collaborations as c')
    .innerJoin('collaboration_members as me', (j) =>
      j.onRef('me.collaboration_id', '=', 'c.id').on('me.partner_id', '=', partnerId),
    )
    .selectAll('c')
    .select('me.wrapped_secret as my_secret')
    .orderBy('c.created_at', 'desc');
  if (filter.id) q = q.where('c.id', '=', filter.id);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const members = await membersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    status:
      r.expires_at <= now && (r.status === 'pending' || r.status === 'active' || r.status === 'suspended')
        ? 'expired'
        : r.status,
    proposerId: r.proposer_id,
    purposes: r.purposes,
    policy: r.policy as OutputPolicy,
    tokenMode: r.token_mode,
    expiresAt: iso(r.expires_at),
    createdAt: iso(r.created_at),
    activatedAt: r.activated_at ? iso(r.activated_at) : null,
    suspendedBy: r.suspended_by,
    members: members.filter((m) => m.collaborationId === r.id).map(({ collaborationId: _, ...m }) => m),
    wrappedSecret: (r.my_secret as Collaboration['wrappedSecret']) ?? null,
  }));
}

/** The members of these collaborations with their directory entries, by partner name. */
async function membersOf(db: DbOrTrx, collaborationIds: string[]) {
  const rows = await db
    .selectFrom('collaboration_members as m')
    .innerJoin('partners as p', 'p.id', 'm.partner_id')
    .select(['m.collaboration_id', 'm.partner_id', 'm.status', 'm.approved_at', 'm.k_min_floor'])
    .select(['p.name', 'p.industry', 'p.public_key'])
    .where('m.collaboration_id', 'in', collaborationIds)
    .orderBy('p.name')
    .execute();
  return rows.map((m) => ({
    collaborationId: m.collaboration_id,
    partnerId: m.partner_id,
    name: m.name,
    industry: m.industry,
    publicKey: toBase64Url(bytes(m.public_key)),
    status: m.status,
    approvedAt: m.approved_at ? iso(m.approved_at) : null,
    kMinFloor: m.k_min_floor,
  }));
}
