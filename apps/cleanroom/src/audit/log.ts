// The hash-chained audit log: append in the caller's transaction, read per partner, verify the chain.

import { canonicalJson, chainHash, walkChain } from '@concord/federation/audit-chain';
import { toHex } from '@concord/protocol/encoding';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { bytes, iso } from '../lib/encoding.ts';

export interface AuditInput {
  action: string;
  actorId: string | null;
  collaborationId: string | null;
  /** Partners the event concerns (they can read it). */
  partnerIds: string[];
  details?: Record<string, unknown>;
}

interface ChainedFields {
  seq: number;
  at: string;
  action: string;
  actorId: string | null;
  collaborationId: string | null;
  partnerIds: string[];
  details: Record<string, unknown>;
}

function eventHash(prev: Uint8Array, e: ChainedFields): Uint8Array {
  return chainHash(prev, canonicalJson(e));
}

/** Appends one event; locks the chain head so concurrent appends form one chain. Call inside the change's transaction. */
export async function appendAudit(trx: Transaction<Database>, at: Date, input: AuditInput): Promise<number> {
  const head = await trx
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const fields: ChainedFields = {
    seq: Number(head.seq) + 1,
    at: iso(at),
    action: input.action,
    actorId: input.actorId,
    collaborationId: input.collaborationId,
    partnerIds: [...new Set(input.partnerIds)].sort(),
    details: input.details ?? {},
  };
  const prev = bytes(head.hash);
  const hash = eventHash(prev, fields);
  await trx
    .insertInto('audit_events')
    .values({
      seq: fields.seq,
      at,
      action: fields.action,
      actor_id: fields.actorId,
      collaboration_id: fields.collaborationId,
      partner_ids: fields.partnerIds,
      details: JSON.stringify(fields.details),
      prev_hash: prev,
      hash,
    })
    .execute();
  await trx.updateTable('audit_head').set({ seq: fields.seq, hash }).where('id', '=', 1).execute();
  return fields.seq;
}

export interface AuditQuery {
  after: number;
  limit: number;
  collaborationId?: string | undefined;
  /** Only events concerning this partner; undefined for the operator (all events). */
  partnerId?: string | undefined;
}

export async function listAuditEvents(db: Kysely<Database>, q: AuditQuery) {
  let query = db
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>', q.after)
    .orderBy('seq')
    .limit(q.limit + 1);
  // `@>` (not `= any`) so the GIN index on partner_ids serves the per-partner view.
  if (q.partnerId) query = query.where(sql<boolean>`partner_ids @> array[${q.partnerId}]::uuid[]`);
  if (q.collaborationId) query = query.where('collaboration_id', '=', q.collaborationId);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  return {
    events: page.map((r) => ({
      seq: Number(r.seq),
      at: iso(r.at),
      action: r.action,
      actorId: r.actor_id,
      collaborationId: r.collaboration_id,
      partnerIds: r.partner_ids,
      details: r.details,
      hash: toHex(bytes(r.hash)),
    })),
    nextAfter: rows.length > q.limit ? Number(page[page.length - 1]?.seq) : null,
  };
}

/** Recomputes every hash in order; reports the first event whose link or hash does not hold. */
export async function verifyAuditChain(db: Kysely<Database>) {
  const walk = await walkChain(async (fromSeq, limit) => {
    const { rows } = await sql<Selectable<Database['audit_events']>>`
      select * from audit_events where seq >= ${fromSeq} order by seq limit ${limit}`.execute(db);
    return rows.map((r) => {
      const fields: ChainedFields = {
        seq: Number(r.seq),
        at: iso(r.at),
        action: r.action,
        actorId: r.actor_id,
        collaborationId: r.collaboration_id,
        partnerIds: r.partner_ids,
        details: r.details,
      };
      return {
        seq: fields.seq,
        prevHash: bytes(r.prev_hash),
        hash: bytes(r.hash),
        canonical: canonicalJson(fields),
      };
    });
  }, 5000);
  return {
    ok: walk.firstBroken === null,
    events: walk.events,
    firstBrokenSeq: walk.firstBroken?.seq ?? null,
  };
}
