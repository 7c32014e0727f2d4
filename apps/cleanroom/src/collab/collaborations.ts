// Collaboration lifecycle: propose, approve (all members), suspend/resume, leave (deleting that member's data).
import type { Collaboration, OutputPolicy } from '@concord/protocol/contract/collaborations';
import { toBase64Url } from '@concord/protocol/encoding';
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';
import type { CollaborationTable } from '../db/tables/collab.table.ts';
import { dropTokenTable } from '../ingest/token-table.ts';
import { bytes, iso } from '../lib/encoding.ts';
import { dropListLinks, removeDerivedMembers } from '../lists/derived.ts';
import type { PartnerIdentity } from '../partners/partners.ts';

type DbOrTrx = Kysely<Database> | Transaction<Database>;

export interface ProposeInput {
  name: string;
  description: string;
  memberIds: string[];
  purposes: string[];
  policy: OutputPolicy;
  tokenMode: 'hmac' | 'sha256';
  expiresAt: string;
  wrappedSecrets: { partnerId: string }[];
  kMinFloor?: number | undefined;
  officer: string;
}

export async function proposeCollaboration(
  trx: Transaction<Database>,
  now: Date,
  proposer: PartnerIdentity,
  input: ProposeInput,
) {
  const others = [...new Set(input.memberIds)];
  if (others.length !== input.memberIds.length) throw new ConcordError('BAD_INPUT', 'duplicate member');
  if (others.includes(proposer.id)) {
    throw new ConcordError('BAD_INPUT', 'memberIds lists the other members; the proposer is implicit');
  }
  if (new Set(input.purposes).size !== input.purposes.length) {
    throw new ConcordError('BAD_INPUT', 'duplicate purpose');
  }
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt <= now) throw new ConcordError('BAD_INPUT', 'expiresAt must be in the future');
  const all = [proposer.id, ...others];
  const found = await trx
    .selectFrom('partners')
    .select('id')
    .where('id', 'in', all)
    .where('status', '=', 'active')
    .execute();
  if (found.length !== all.length) throw new ConcordError('NOT_FOUND', 'unknown or disabled member partner');
  const wrapped = new Map(input.wrappedSecrets.map((w) => [w.partnerId, w]));
  if (
    wrapped.size !== input.wrappedSecrets.length ||
    wrapped.size !== all.length ||
    !all.every((id) => wrapped.has(id))
  ) {
    throw new ConcordError(
      'BAD_INPUT',
      'wrappedSecrets needs exactly one envelope per member, proposer included',
    );
  }
  const collab = await trx
    .insertInto('collaborations')
    .values({
      name: input.name,
      description: input.description,
      status: 'pending',
      proposer_id: proposer.id,
      purposes: JSON.stringify(input.purposes),
      policy: JSON.stringify(input.policy),
      token_mode: input.tokenMode,
      expires_at: expiresAt,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('collaboration_members')
    .values(
      all.map((partnerId) => ({
        collaboration_id: collab.id,
        partner_id: partnerId,
        status: partnerId === proposer.id ? ('approved' as const) : ('pending' as const),
        approved_at: partnerId === proposer.id ? now : null,
        k_min_floor: partnerId === proposer.id ? (input.kMinFloor ?? null) : null,
        officer: partnerId === proposer.id ? input.officer : '',
        wrapped_secret: JSON.stringify(wrapped.get(partnerId)),
      })),
    )
    .execute();
  await appendAudit(trx, now, {
    action: 'collaboration.proposed',
    actorId: proposer.id,
    collaborationId: collab.id,
    partnerIds: all,
    details: { name: input.name, purposes: input.purposes, policy: input.policy, tokenMode: input.tokenMode },
  });
  return getCollaboration(trx, proposer.id, collab.id, now);
}

async function memberRow(db: DbOrTrx, collaborationId: string, partnerId: string, lock = false) {
  let q = db
    .selectFrom('collaboration_members')
    .selectAll()
    .where('collaboration_id', '=', collaborationId)
    .where('partner_id', '=', partnerId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

async function lockCollaboration(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('collaborations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function approveCollaboration(
  trx: Transaction<Database>,
  now: Date,
  partner: PartnerIdentity,
  input: { collaborationId: string; kMinFloor?: number | undefined; officer: string },
) {
  const collab = await lockCollaboration(trx, input.collaborationId);
  const member = collab && (await memberRow(trx, collab.id, partner.id));
  if (!collab || !member || member.status === 'left')
    throw new ConcordError('NOT_FOUND', 'no such collaboration');
  if (collab.status !== 'pending') {
    throw new ConcordError('CONFLICT', `collaboration is ${collab.status}, not pending approval`);
  }
  if (member.status === 'approved') throw new ConcordError('CONFLICT', 'already approved by this member');
  if (collab.expires_at <= now) throw new ConcordError('EXPIRED', 'collaboration has expired');
  await trx
    .updateTable('collaboration_members')
    .set({
      status: 'approved',
      approved_at: now,
      k_min_floor: input.kMinFloor ?? null,
      officer: input.officer,
    })
    .where('collaboration_id', '=', collab.id)
    .where('partner_id', '=', partner.id)
    .execute();
  const pending = await trx
    .selectFrom('collaboration_members')
    .select('partner_id')
    .where('collaboration_id', '=', collab.id)
    .where('status', '=', 'pending')
    .execute();
  const members = await memberIds(trx, collab.id);
  await appendAudit(trx, now, {
    action: 'collaboration.approved',
    actorId: partner.id,
    collaborationId: collab.id,
    partnerIds: members,
    details: { kMinFloor: input.kMinFloor ?? null },
  });
  if (pending.length === 0) {
    await trx
      .updateTable('collaborations')
      .set({ status: 'active', activated_at: now })
      .where('id', '=', collab.id)
      .execute();
    await appendAudit(trx, now, {
      action: 'collaboration.activated',
      actorId: null,
      collaborationId: collab.id,
      partnerIds: members,
    });
  }
  return getCollaboration(trx, partner.id, collab.id, now);
}

async function memberIds(db: DbOrTrx, collaborationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('collaboration_members')
    .select('partner_id')
    .where('collaboration_id', '=', collaborationId)
    .execute();
  return rows.map((r) => r.partner_id);
}

export async function suspendCollaboration(
  trx: Transaction<Database>,
  now: Date,
  partner: PartnerIdentity,
  collaborationId: string,
  reason: string,
) {
  const collab = await requireMemberCollab(trx, partner.id, collaborationId);
  if (collab.status !== 'active')
    throw new ConcordError('COLLABORATION_INACTIVE', `collaboration is ${collab.status}`);
  return switchStatus(trx, now, partner, collab.id, 'suspended', reason);
}

export async function resumeCollaboration(
  trx: Transaction<Database>,
  now: Date,
  partner: PartnerIdentity,
  collaborationId: string,
  reason: string,
) {
  const collab = await requireMemberCollab(trx, partner.id, collaborationId);
  if (collab.status !== 'suspended') throw new ConcordError('CONFLICT', `collaboration is ${collab.status}`);
  if (collab.suspended_by !== partner.id) {
    throw new ConcordError('FORBIDDEN', 'only the member that suspended a collaboration can resume it');
  }
  if (collab.expires_at <= now) throw new ConcordError('EXPIRED', 'collaboration has expired');
  return switchStatus(trx, now, partner, collab.id, 'active', reason);
}

/** Suspend ⇄ resume, checked by the caller: records who suspended (only they may resume) and audits it. */
async function switchStatus(
  trx: Transaction<Database>,
  now: Date,
  partner: PartnerIdentity,
  collaborationId: string,
  to: 'suspended' | 'active',
  reason: string,
) {
  await trx
    .updateTable('collaborations')
    .set({ status: to, suspended_by: to === 'suspended' ? partner.id : null })
    .where('id', '=', collaborationId)
    .execute();
  await appendAudit(trx, now, {
    action: to === 'suspended' ? 'collaboration.suspended' : 'collaboration.resumed',
    actorId: partner.id,
    collaborationId,
    partnerIds: await memberIds(trx, collaborationId),
    details: { reason },
  });
  return getCollaboration(trx, partner.id, collaborationId, now);
}

/** Leaves: the member's publications (token tables), lists and wrapped secret are deleted in this transaction. */
export async function leaveCollaboration(
  trx: Transaction<Database>,
  now: Date,
  partner: PartnerIdentity,
  collaborationId: string,
  reason: string,
) {
  const collab = await requireMemberCollab(trx, partner.id, collaborationId);
  const purged = await unsafePurgeMemberData(trx, now, collab.id, partner.id);
  await trx
    .updateTable('collaboration_members')
    .set({ status: 'left', wrapped_secret: null })
    .where('collaboration_id', '=', collab.id)
    .where('partner_id', '=', partner.id)
    .execute();
  const remaining = await trx
    .selectFrom('collaboration_members')
    .select('partner_id')
    .where('collaboration_id', '=', collab.id)
    .where('status', '!=', 'left')
    .execute();
  const all = await memberIds(trx, collab.id);
  await appendAudit(trx, now, {
    action: 'collaboration.left',
    actorId: partner.id,
    collaborationId: collab.id,
    partnerIds: all,
    details: { reason, ...purged },
  });
  // A pending collaboration someone declines, or one with fewer than two members left, ends for everyone.
  if (collab.status === 'pending' || remaining.length < 2) {
    await unsafeEndCollaboration(trx, now, collab.id, 'ended');
  }
  return getCollaboration(trx, partner.id, collab.id, now);
}

/**
 * Ends or expires a collaboration: every member's data in it is deleted. `unsafe`: it checks no partner's right to
 * do so — the callers (a member leaving, the retention sweep) have already decided that this collaboration ends.
 */
export async function unsafeEndCollaboration(
  trx: Transaction<Database>,
  now: Date,
  collaborationId: string,
  status: 'ended' | 'expired',
) {
  const members = await memberIds(trx, collaborationId);
  let tables = 0;
  for (const partnerId of members)
    tables += (await unsafePurgeMemberData(trx, now, collaborationId, partnerId)).publications;
  await trx.updateTable('collaborations').set({ status }).where('id', '=', collaborationId).execute();
  await trx
    .updateTable('collaboration_members')
    .set({ wrapped_secret: null })
    .where('collaboration_id', '=', collaborationId)
    .execute();
  await appendAudit(trx, now, {
    action: `collaboration.${status}`,
    actorId: null,
    collaborationId,
    partnerIds: members,
    details: { publicationsDeleted: tables },
  });
}

/**
 * Deletes a member's publications (all versions) and the lists delivered to it in one collaboration. `unsafe`: not
 * scoped to the caller — the caller has established that this partner is leaving (or is removed by the operator).
 */
export async function unsafePurgeMemberData(
  trx: Transaction<Database>,
  now: Date,
  collaborationId: string,
  partnerId: string,
) {
  const pubs = await trx
    .selectFrom('publications')
    .select('id')
    .where('collaboration_id', '=', collaborationId)
    .where('owner_id', '=', partnerId)
    .execute();
  const pubIds = pubs.map((p) => p.id);
  if (pubIds.length > 0) {
    const versions = await trx
      .selectFrom('publication_versions')
      .select('id')
      .where('publication_id', 'in', pubIds)
      .execute();
    for (const v of versions) await dropTokenTable(trx, v.id);
    // Lists the other members received lose everyone matched only through the leaver's data.
    for (const id of pubIds) {
      await removeDerivedMembers(trx, now, { publicationId: id, collaborationId, memberIds: null });
    }
    if (versions.length > 0) {
      await trx
        .deleteFrom('publication_batches')
        .where(
          'version_id',
          'in',
          versions.map((v) => v.id),
        )
        .execute();
    }
    await trx.deleteFrom('publication_versions').where('publication_id', 'in', pubIds).execute();
    await trx.deleteFrom('publications').where('id', 'in', pubIds).execute();
  }
  const lists = await trx
    .selectFrom('lists')
    .select('id')
    .where('collaboration_id', '=', collaborationId)
    .where('receiver_id', '=', partnerId)
    .execute();
  if (lists.length > 0) {
    const ids = lists.map((l) => l.id);
    await trx.deleteFrom('list_members').where('list_id', 'in', ids).execute();
    await dropListLinks(trx, ids);
    await trx.deleteFrom('lists').where('id', 'in', ids).execute();
  }
  return { publications: pubIds.length, lists: lists.length };
}

async function requireMemberCollab(db: DbOrTrx, partnerId: string, collaborationId: string) {
  const collab = await db
    .selectFrom('collaborations')
    .selectAll()
    .where('id', '=', collaborationId)
    .executeTakeFirst();
  const member = collab && (await memberRow(db, collab.id, partnerId));
  if (!collab || !member || member.status === 'left')
    throw new ConcordError('NOT_FOUND', 'no such collaboration');
  if (collab.status === 'ended' || collab.status === 'expired') {
    throw new ConcordError('COLLABORATION_INACTIVE', `collaboration is ${collab.status}`);
  }
  return collab;
}

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
  const members = await db
    .selectFrom('collaboration_members as m')
    .innerJoin('partners as p', 'p.id', 'm.partner_id')
    .select([
      'm.collaboration_id',
      'm.partner_id',
      'm.status',
      'm.approved_at',
      'm.k_min_floor',
      'p.name',
      'p.industry',
      'p.public_key',
    ])
    .where(
      'm.collaboration_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('p.name')
    .execute();
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
    members: members
      .filter((m) => m.collaboration_id === r.id)
      .map((m) => ({
        partnerId: m.partner_id,
        name: m.name,
        industry: m.industry,
        publicKey: toBase64Url(bytes(m.public_key)),
        status: m.status,
        approvedAt: m.approved_at ? iso(m.approved_at) : null,
        kMinFloor: m.k_min_floor,
      })),
    wrappedSecret: (r.my_secret as Collaboration['wrappedSecret']) ?? null,
  }));
}
