// A member leaving a collaboration: its data there goes; a declined proposal or a lone remaining member ends it.
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';
import type { PartnerIdentity } from '../partners/partners.ts';
import { getCollaboration } from './collaborations.ts';
import { memberIds, requireMemberCollab } from './members.ts';
import { unsafeEndCollaboration, unsafePurgeMemberData } from './purge.ts';

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
