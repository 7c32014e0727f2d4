// Publishing, step 3: after the clean room committed, make the version live locally and audit it, in one transaction.

import { sql, type Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import { type Actor, auditActor } from '../auth/actor.ts';
import type { Database } from '../db/database.ts';
import type { FederationDeps } from './deps.ts';
import { recheckPublication } from './rule-change.ts';

export interface CommitRecord {
  publicationId: string;
  startedAt: Date;
  collaborationId: string;
  segmentId: string;
  actor: Actor;
  /** The publication's decision time (its audit event carries it). */
  at: Date;
  committed: { publicationId: string; version: number; committedAt: string };
  segmentSize: number;
  published: number;
  tokens: number;
  excluded: Record<string, number>;
}

/** The previous live version is replaced and this one becomes live. */
async function swapLive(trx: Transaction<Database>, r: CommitRecord): Promise<void> {
  await trx
    .updateTable('publication')
    .set({ status: 'replaced', replaced_at: r.committed.committedAt })
    .where('collaboration_id', '=', r.collaborationId)
    .where('segment_id', '=', r.segmentId)
    .where('status', '=', 'live')
    .execute();
  await trx
    .updateTable('publication')
    .set({
      status: 'live',
      committed_at: r.committed.committedAt,
      segment_size: r.segmentSize,
      member_count: r.published,
      token_count: r.tokens,
      excluded: JSON.stringify(r.excluded),
    })
    .where('id', '=', r.publicationId)
    .execute();
}

/** Withdrawals and rule changes that landed while we uploaded may have missed this version: apply them again. */
async function catchUp(deps: FederationDeps, trx: Transaction<Database>, r: CommitRecord): Promise<void> {
  // Re-queueing is idempotent.
  await sql`
    insert into withdrawal_outbox (customer_id, purpose, reason)
    select o.customer_id, o.purpose, o.reason from withdrawal_outbox o
    where o.created_at >= ${r.startedAt} and o.publication_id is null
      and exists (select 1 from publication_member pm
                  where pm.publication_id = ${r.publicationId}::uuid and pm.customer_id = o.customer_id)`.execute(
    trx,
  );
  // A stricter rule: re-decide this version's members under the rules in force now.
  const ruleChanged = await trx
    .selectFrom('consent_rule')
    .select('id')
    .where('created_at', '>=', r.startedAt)
    .executeTakeFirst();
  if (ruleChanged) await recheckPublication(trx, r.publicationId, deps.now());
}

/** Records the committed version: live swap, catch-up, snapshot cleanup and the audit event, atomically. */
export async function recordCommit(deps: FederationDeps, r: CommitRecord): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await swapLive(trx, r);
    await catchUp(deps, trx, r);
    await trx.deleteFrom('publication_candidate').where('publication_id', '=', r.publicationId).execute();
    await appendAudit(trx, {
      action: 'publication.commit',
      subjectType: 'Publication',
      subjectId: r.publicationId,
      ...auditActor(r.actor),
      at: r.at,
      data: {
        collaborationId: r.collaborationId,
        segmentId: r.segmentId,
        cleanroomPublicationId: r.committed.publicationId,
        version: r.committed.version,
        members: r.published,
        tokens: r.tokens,
        excluded: r.excluded,
      },
    });
  });
  // Fresh statistics after a bulk load keep the withdrawal and list joins on index plans.
  await sql`analyze publication_member`.execute(deps.db).catch(() => undefined);
}
