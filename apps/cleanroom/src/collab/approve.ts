// Approving a collaboration from a member's own node; the last approval activates it.
import { ConcordError } from '@concord/protocol/errors';
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';
import type { PartnerIdentity } from '../partners/partners.ts';
import { getCollaboration } from './collaborations.ts';
import { lockCollaboration, memberRow, memberStatuses } from './members.ts';

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
  const members = await memberStatuses(trx, collab.id);
  const partnerIds = members.map((m) => m.partner_id);
  await appendAudit(trx, now, {
    action: 'collaboration.approved',
    actorId: partner.id,
    collaborationId: collab.id,
    partnerIds,
    details: { kMinFloor: input.kMinFloor ?? null },
  });
  // The last approval activates it (audited without an actor: nobody chose it).
  if (members.every((m) => m.status !== 'pending')) await activate(trx, now, collab.id, partnerIds);
  return getCollaboration(trx, partner.id, collab.id, now);
}

async function activate(trx: Transaction<Database>, now: Date, collaborationId: string, members: string[]) {
  await trx
    .updateTable('collaborations')
    .set({ status: 'active', activated_at: now })
    .where('id', '=', collaborationId)
    .execute();
  await appendAudit(trx, now, {
    action: 'collaboration.activated',
    actorId: null,
    collaborationId,
    partnerIds: members,
  });
}
