// Suspending and resuming a collaboration: any member suspends, only that member resumes.
import { ConcordError } from '@concord/protocol/errors';
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';
import type { PartnerIdentity } from '../partners/partners.ts';
import { getCollaboration } from './collaborations.ts';
import { type MemberStep, memberIds, requireMemberCollab } from './members.ts';

export const suspendCollaboration: MemberStep = async (trx, now, partner, collaborationId, reason) => {
  const collab = await requireMemberCollab(trx, partner.id, collaborationId);
  if (collab.status !== 'active')
    throw new ConcordError('COLLABORATION_INACTIVE', `collaboration is ${collab.status}`);
  return switchStatus(trx, now, partner, collab.id, 'suspended', reason);
};

export const resumeCollaboration: MemberStep = async (trx, now, partner, collaborationId, reason) => {
  const collab = await requireMemberCollab(trx, partner.id, collaborationId);
  if (collab.status !== 'suspended') throw new ConcordError('CONFLICT', `collaboration is ${collab.status}`);
  if (collab.suspended_by !== partner.id) {
    throw new ConcordError('FORBIDDEN', 'only the member that suspended a collaboration can resume it');
  }
  if (collab.expires_at <= now) throw new ConcordError('EXPIRED', 'collaboration has expired');
  return switchStatus(trx, now, partner, collab.id, 'active', reason);
};

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
