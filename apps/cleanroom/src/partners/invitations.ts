// Invitations: the operator issues a one-time code bound to a name and industry; the node redeems it with its
// public key and receives its credential directly. Only SHA-256 digests of codes and credentials are stored.
import { randomBytes } from 'node:crypto';
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';
import type { InvitationTable } from '../db/tables/registry.table.ts';
import { iso, sha256 } from '../lib/encoding.ts';
import { addPartner, rebindPartner } from './partners.ts';

const PREFIX = 'cci_';

function codeHash(code: string): Uint8Array {
  return sha256('invitation:', code.trim());
}

function statusOf(row: Selectable<InvitationTable>, now: Date) {
  if (row.redeemed_at) return 'redeemed' as const;
  if (row.revoked_at) return 'revoked' as const;
  return row.expires_at.getTime() <= now.getTime() ? ('expired' as const) : ('open' as const);
}

function view(row: Selectable<InvitationTable>, now: Date) {
  return {
    id: row.id,
    name: row.name,
    industry: row.industry,
    status: statusOf(row, now),
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    redeemedAt: row.redeemed_at ? iso(row.redeemed_at) : null,
    partnerId: row.partner_id,
  };
}

/**
 * Issues an invitation. A name that already belongs to a partner is allowed: redeeming then re-binds that partner
 * (new key, new credential, active again) — how a node that lost its key or was revoked comes back.
 */
export async function createInvitation(
  trx: Transaction<Database>,
  now: Date,
  input: { name: string; industry: string; ttlHours: number },
) {
  const partner = await trx
    .selectFrom('partners')
    .select(['industry'])
    .where('name', '=', input.name)
    .executeTakeFirst();
  if (partner && partner.industry !== input.industry) {
    throw new ConcordError('CONFLICT', `partner "${input.name}" is registered as ${partner.industry}`);
  }
  const code = PREFIX + randomBytes(32).toString('base64url');
  const row = await trx
    .insertInto('invitations')
    .values({
      code_hash: codeHash(code),
      name: input.name,
      industry: input.industry,
      created_at: now,
      expires_at: new Date(now.getTime() + input.ttlHours * 3_600_000),
      redeemed_at: null,
      partner_id: null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, now, {
    action: 'partner.invited',
    actorId: null,
    collaborationId: null,
    partnerIds: [],
    details: { invitationId: row.id, name: row.name, industry: row.industry },
  });
  return { invitation: view(row, now), code };
}

export async function listInvitations(db: Kysely<Database>, now: Date) {
  const rows = await db.selectFrom('invitations').selectAll().orderBy('created_at', 'desc').execute();
  return { invitations: rows.map((r) => view(r, now)) };
}

export async function revokeInvitation(trx: Transaction<Database>, now: Date, invitationId: string) {
  const row = await trx
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('id', '=', invitationId)
    .where('redeemed_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no open invitation with this id');
  await appendAudit(trx, now, {
    action: 'invitation.revoked',
    actorId: null,
    collaborationId: null,
    partnerIds: [],
    details: { invitationId },
  });
  return { invitation: view(row, now) };
}

/**
 * Redeems a code: registers (or re-binds) the partner named by the invitation with the node's public key and
 * returns its credential, once. The invitation row is locked, so a code can never be redeemed twice.
 */
export async function redeemInvitation(
  db: Kysely<Database>,
  now: Date,
  input: { code: string; publicKey: string },
) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('invitations')
      .selectAll()
      .where('code_hash', '=', codeHash(input.code))
      .forUpdate()
      .executeTakeFirst();
    // One answer for unknown, used and revoked codes: a guesser learns nothing about which codes exist.
    if (!row || row.redeemed_at || row.revoked_at) {
      throw new ConcordError(
        'UNAUTHENTICATED',
        'this invitation code is not valid (unknown, used or revoked)',
      );
    }
    if (row.expires_at.getTime() <= now.getTime()) {
      throw new ConcordError('EXPIRED', 'this invitation code has expired; ask the operator for a new one');
    }
    const existing = await trx
      .selectFrom('partners')
      .select('id')
      .where('name', '=', row.name)
      .executeTakeFirst();
    const joined = existing
      ? await rebindPartner(trx, now, existing.id, input.publicKey)
      : await addPartner(trx, now, { name: row.name, industry: row.industry, publicKey: input.publicKey });
    await trx
      .updateTable('invitations')
      .set({ redeemed_at: now, partner_id: joined.partner.id })
      .where('id', '=', row.id)
      .execute();
    return joined;
  });
}
