// Art. 17 erasure: delete the customer and everything about them, queue removal of all they were published in, keep a tombstone.
import { ID_TYPES } from '@concord/identity';
import { ConcordError } from '@concord/protocol/errors';
import { sql } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Actor } from '../auth/actor.ts';
import { auditActor } from '../auth/actor.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
import { onIneligible } from './propagate.ts';

export interface ErasureResult {
  customerId: string;
  erasedAt: Date;
  removed: Record<string, number>;
}

/**
 * Deletes the customer row (identifiers, purchases, interactions, follow-ups, segment memberships and consent
 * events go with it by cascade), queues withdrawal from every publication (the clean room deletes the
 * member's tokens), drops them from every audience list, and writes a tombstone and an audit event — all
 * in one transaction. The publication map keeps the bare customer id so the Art. 19 trail still answers.
 */
export async function eraseCustomer(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { customerId: string; requestRef?: string | null; actor: Actor },
): Promise<ErasureResult> {
  const { actor } = input;
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    const customer = await trx
      .selectFrom('customer')
      .select('id')
      .where('id', '=', input.customerId)
      .forUpdate()
      .executeTakeFirst();
    if (!customer) {
      const tomb = await trx
        .selectFrom('erasure_tombstone')
        .select('erased_at')
        .where('customer_id', '=', input.customerId)
        .executeTakeFirst();
      throw tomb
        ? new ConcordError('CONFLICT', 'this customer was already erased', {
            erasedAt: tomb.erased_at.toISOString(),
          })
        : new ConcordError('NOT_FOUND', 'no such customer');
    }
    const count = async (
      table: 'customer_identifier' | 'purchase' | 'interaction' | 'consent_event',
      idType?: string,
    ) => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(table)} where customer_id = ${input.customerId}::uuid
        ${idType === undefined ? sql`` : sql`and id_type = ${idType}`}`.execute(trx);
      return Number(rows[0]?.n ?? 0);
    };
    // One count per registered id type, named by its plural (`emails`, `phones`, `loyalty_cards`).
    const removed: Record<string, number> = {};
    for (const t of ID_TYPES) removed[`${t}s`] = await count('customer_identifier', t);
    Object.assign(removed, {
      purchases: await count('purchase'),
      interactions: await count('interaction'),
      consentEvents: await count('consent_event'),
    });
    await onIneligible(trx, [{ customerId: input.customerId, reason: 'erased' }]);
    await trx.deleteFrom('customer').where('id', '=', input.customerId).execute();
    await trx
      .insertInto('erasure_tombstone')
      .values({
        customer_id: input.customerId,
        erased_at: now,
        erased_by: actor.id,
        request_ref: input.requestRef ?? null,
        removed: JSON.stringify(removed),
      })
      .execute();
    await appendAudit(trx, {
      action: 'customer.erased',
      subjectType: 'Customer',
      subjectId: input.customerId,
      ...auditActor(actor),
      at: now,
      data: { requestRef: input.requestRef ?? null, removed },
    });
    return { customerId: input.customerId, erasedAt: now, removed };
  });
}
