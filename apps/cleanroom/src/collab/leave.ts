// A member leaving a collaboration: its data there goes; a declined proposal or a lone remaining member ends it.
import { appendAudit } from '../audit/log.ts';
import { getCollaboration } from './collaborations.ts';
import { type MemberStep, memberStatuses, requireMemberCollab } from './members.ts';
import { unsafeEndCollaboration, unsafePurgeMemberData } from './purge.ts';

/** Leaves: the member's publications (token tables), lists and wrapped secret are deleted in this transaction. */
export const leaveCollaboration: MemberStep = async (trx, now, partner, collaborationId, reason) => {
  const collab = await requireMemberCollab(trx, partner.id, collaborationId);
  const purged = await unsafePurgeMemberData(trx, now, collab.id, partner.id);
  await trx
    .updateTable('collaboration_members')
    .set({ status: 'left', wrapped_secret: null })
    .where('collaboration_id', '=', collab.id)
    .where('partner_id', '=', partner.id)
    .execute();
  const members = await memberStatuses(trx, collab.id);
  const remaining = members.filter((m) => m.status !== 'left');
  await appendAudit(trx, now, {
    action: 'collaboration.left',
    actorId: partner.id,
    collaborationId: collab.id,
    partnerIds: members.map((m) => m.partner_id),
    details: { reason, ...purged },
  });
  // A pending collaboration someone declines, or one with fewer than two members left, ends for everyone.
  if (collab.status === 'pending' || remaining.length < 2) {
    await unsafeEndCollaboration(trx, now, collab.id, 'ended');
  }
  return getCollaboration(trx, partner.id, collab.id, now);
};
