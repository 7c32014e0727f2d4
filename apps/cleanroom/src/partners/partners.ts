// The partner registry: register, authenticate, rotate credentials, and the public directory.

import { fromBase64Url, toBase64Url } from '@concord/protocol/encoding';
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';
import type { PartnerTable } from '../db/tables/registry.table.ts';
import { bytes, iso } from '../lib/encoding.ts';
import { hashCredential, hashesEqual, newCredential } from './credentials.ts';

export interface PartnerIdentity {
  id: string;
  name: string;
  industry: string;
}

export function partnerPublic(row: Selectable<PartnerTable>) {
  return {
    id: row.id,
    name: row.name,
    industry: row.industry,
    publicKey: toBase64Url(bytes(row.public_key)),
    status: row.status,
    createdAt: iso(row.created_at),
  };
}

function publicKeyBytes(publicKey: string): Uint8Array {
  const key = fromBase64Url(publicKey);
  if (key.length !== 32) throw new ConcordError('BAD_INPUT', 'public key must be 32 bytes (X25519)');
  return key;
}

export async function addPartner(
  trx: Transaction<Database>,
  now: Date,
  input: { name: string; industry: string; publicKey: string },
) {
  const taken = await trx
    .selectFrom('partners')
    .select('id')
    .where('name', '=', input.name)
    .executeTakeFirst();
  if (taken) throw new ConcordError('CONFLICT', `a partner named "${input.name}" already exists`);
  const credential = newCredential();
  const row = await trx
    .insertInto('partners')
    .values({
      name: input.name,
      industry: input.industry,
      public_key: publicKeyBytes(input.publicKey),
      credential_hash: hashCredential(credential),
      status: 'active',
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, now, {
    action: 'partner.registered',
    actorId: null,
    collaborationId: null,
    partnerIds: [row.id],
    details: { name: row.name, industry: row.industry },
  });
  return { partner: partnerPublic(row), credential };
}

export async function rotateCredential(trx: Transaction<Database>, now: Date, partnerId: string) {
  const credential = newCredential();
  const row = await trx
    .updateTable('partners')
    .set({ credential_hash: hashCredential(credential) })
    .where('id', '=', partnerId)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such partner');
  await appendAudit(trx, now, {
    action: 'partner.credential_rotated',
    actorId: null,
    collaborationId: null,
    partnerIds: [partnerId],
  });
  return { partnerId, credential };
}

/** A returning partner (re-invited): new public key and credential, active again; the old credential stops. */
export async function rebindPartner(
  trx: Transaction<Database>,
  now: Date,
  partnerId: string,
  publicKey: string,
) {
  const credential = newCredential();
  const row = await trx
    .updateTable('partners')
    .set({
      public_key: publicKeyBytes(publicKey),
      credential_hash: hashCredential(credential),
      status: 'active',
    })
    .where('id', '=', partnerId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, now, {
    action: 'partner.rejoined',
    actorId: null,
    collaborationId: null,
    partnerIds: [partnerId],
    details: { name: row.name },
  });
  return { partner: partnerPublic(row), credential };
}

export async function updatePartner(
  trx: Transaction<Database>,
  now: Date,
  partnerId: string,
  change: { status?: 'active' | 'disabled'; publicKey?: string },
) {
  const row = await trx
    .updateTable('partners')
    .set({
      ...(change.status ? { status: change.status } : {}),
      ...(change.publicKey ? { public_key: publicKeyBytes(change.publicKey) } : {}),
    })
    .where('id', '=', partnerId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such partner');
  await appendAudit(trx, now, {
    action: change.status ? `partner.${change.status}` : 'partner.public_key_changed',
    actorId: null,
    collaborationId: null,
    partnerIds: [partnerId],
  });
  return { partner: partnerPublic(row) };
}

export async function listPartners(db: Kysely<Database>) {
  const rows = await db.selectFrom('partners').selectAll().orderBy('name').execute();
  return { partners: rows.map(partnerPublic) };
}

/** Resolves a bearer credential to an active partner, or throws UNAUTHENTICATED (never says why). */
export async function authenticatePartner(
  db: Kysely<Database>,
  bearer: string | null,
): Promise<PartnerIdentity> {
  if (!bearer) throw new ConcordError('UNAUTHENTICATED', 'a partner credential is required');
  const hash = hashCredential(bearer);
  const row = await db
    .selectFrom('partners')
    .select(['id', 'name', 'industry', 'status', 'credential_hash'])
    .where('credential_hash', '=', hash)
    .executeTakeFirst();
  if (!row || !hashesEqual(bytes(row.credential_hash), hash) || row.status !== 'active') {
    throw new ConcordError('UNAUTHENTICATED', 'invalid partner credential');
  }
  return { id: row.id, name: row.name, industry: row.industry };
}

export async function getPartner(db: Kysely<Database>, partnerId: string) {
  const row = await db.selectFrom('partners').selectAll().where('id', '=', partnerId).executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such partner');
  return { partner: partnerPublic(row) };
}
