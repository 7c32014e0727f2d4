// Membership lookups shared by the lifecycle steps: a member's row, every member's id, the caller's collaboration.

import type { Collaboration } from '@concord/protocol/contract/collaborations';
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { PartnerIdentity } from '../partners/partners.ts';

export type DbOrTrx = Kysely<Database> | Transaction<Database>;

/** A member's step on a collaboration it belongs to, with the reason it gives (kept in the audit event). */
export type MemberStep = (
  trx: Transaction<Database>,
  now: Date,
  partner: PartnerIdentity,
  collaborationId: string,
  reason: string,
) => Promise<{ collaboration: Collaboration }>;

export async function memberRow(db: DbOrTrx, collaborationId: string, partnerId: string, lock = false) {
  let q = db
    .selectFrom('collaboration_members')
    .selectAll()
    .where('collaboration_id', '=', collaborationId)
    .where('partner_id', '=', partnerId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function lockCollaboration(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('collaborations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Every member with its status, those who left included (audit events name everyone the collaboration touched). */
export async function memberStatuses(db: DbOrTrx, collaborationId: string) {
  return db
    .selectFrom('collaboration_members')
    .select(['partner_id', 'status'])
    .where('collaboration_id', '=', collaborationId)
    .execute();
}

export async function memberIds(db: DbOrTrx, collaborationId: string): Promise<string[]> {
  return (await memberStatuses(db, collaborationId)).map((r) => r.partner_id);
}

/** The collaboration if the partner is a current member and it has not ended: NOT_FOUND / COLLABORATION_INACTIVE. */
export async function requireMemberCollab(db: DbOrTrx, partnerId: string, collaborationId: string) {
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
