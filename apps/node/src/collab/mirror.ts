// The local mirror of clean-room collaborations: a change the clean room accepted lands here with its audit event.
import type { Collaboration as WireCollaboration } from '@concord/protocol/contract/collaborations';
import { type Kysely, sql, type Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import { type Actor, auditActor } from '../auth/actor.ts';
import type { Database } from '../db/database.ts';
import type { Deps } from '../deps.ts';

/** The audit event of a collaboration change: who acted, and what happened built from the clean room's answer. */
export interface ChangeAudit {
  actor: Actor;
  describe: (c: WireCollaboration) => { action: string; data: Record<string, unknown> };
}

/**
 * Applies a change the clean room accepted to the local mirror, with its audit event, in one transaction: there
 * is never a local change without its event nor an event without its change. (The clean room's side is already
 * done and audited there; a failure here leaves the mirror to the next sync.)
 */
export async function commitChange(
  deps: Pick<Deps, 'db' | 'now'>,
  c: WireCollaboration,
  audit: ChangeAudit,
  extra: { sealedSecret?: Uint8Array; proposedByUs?: boolean } = {},
  alsoInTransaction?: (trx: Transaction<Database>) => Promise<void>,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await upsertMirror(trx, c, extra);
    await alsoInTransaction?.(trx);
    await appendAudit(trx, {
      ...audit.describe(c),
      subjectType: 'Collaboration',
      subjectId: c.id,
      ...auditActor(audit.actor),
      at: deps.now(),
    });
  });
}

/** Inserts or refreshes the local mirror of a clean-room collaboration (the secret only when given). */
export async function upsertMirror(
  db: Kysely<Database>,
  c: WireCollaboration,
  extra: { sealedSecret?: Uint8Array; proposedByUs?: boolean } = {},
): Promise<void> {
  const values = {
    name: c.name,
    description: c.description,
    purposes: JSON.stringify(c.purposes),
    policy: JSON.stringify(c.policy),
    token_mode: c.tokenMode,
    status: c.status,
    members: JSON.stringify(c.members),
    proposer_id: c.proposerId,
    expires_at: c.expiresAt,
    updated_at: sql<Date>`now()`,
    ...(extra.sealedSecret ? { sealed_secret: extra.sealedSecret } : {}),
    ...(extra.proposedByUs !== undefined ? { proposed_by_us: extra.proposedByUs } : {}),
  };
  await db
    .insertInto('collaboration')
    .values({ id: c.id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
