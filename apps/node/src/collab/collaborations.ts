// Collaborations from this node's side: propose (generate + wrap the secret), approve (unwrap), mirror, leave.

import { newCollaborationSecret, unwrapSecret, wrapSecret } from '@concord/federation/envelope';
import type {
  OutputPolicy,
  TokenMode,
  Collaboration as WireCollaboration,
} from '@concord/protocol/contract/collaborations';
import { WRAP_ALG } from '@concord/protocol/contract/collaborations';
import { fromBase64Url, toBase64Url } from '@concord/protocol/encoding';
import { ConcordError } from '@concord/protocol/errors';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { Database } from '../db/database.ts';
import type { Collaboration } from '../db/tables/collab.table.ts';
import { seal, unseal } from './crypto.ts';
import type { FederationDeps } from './deps.ts';
import { nodeIdentity } from './identity.ts';
import { type ChangeAudit, commitChange, upsertMirror } from './mirror.ts';

/**
 * What the wrapped secret is bound to (AEAD associated data): the terms a member approves. The clean room
 * assigns the collaboration id only after the proposal, so the terms stand in for it.
 */
export function termsDigest(t: {
  proposerId: string;
  memberIds: readonly string[];
  name: string;
  purposes: readonly string[];
  tokenMode: TokenMode;
}): string {
  const canonical = JSON.stringify([
    'concord/v1/terms',
    t.proposerId,
    [...new Set([t.proposerId, ...t.memberIds])].sort(),
    t.name,
    t.purposes,
    t.tokenMode,
  ]);
  return bytesToHex(sha256(utf8ToBytes(canonical)));
}

function sealContext(collaborationId: string): string {
  return `collab:${collaborationId}`;
}

export interface ProposeInput {
  name: string;
  description?: string;
  /** The other members' partner ids at the clean room. */
  partnerIds: string[];
  purposes: string[];
  policy: Partial<OutputPolicy> &
    Pick<OutputPolicy, 'kMin' | 'crossSellLists' | 'referralLists' | 'epsilonBudget'>;
  tokenMode?: TokenMode;
  expiresAt: Date;
  kMinFloor?: number;
  /** The compliance officer proposing (recorded at the clean room and in the audit event). */
  actor: Actor;
}

/** Generates the collaboration secret, wraps it for every member (us included) and proposes at the clean room. */
export async function proposeCollaboration(
  deps: FederationDeps,
  input: ProposeInput,
): Promise<Collaboration> {
  const me = await nodeIdentity(deps);
  const tokenMode = input.tokenMode ?? 'hmac';
  const memberIds = [...new Set(input.partnerIds.filter((id) => id !== me.partnerId))];
  if (memberIds.length === 0)
    throw new ConcordError('BAD_INPUT', 'a collaboration needs at least one other partner');
  const { partners } = await deps.cleanroom.listPartners();
  const byId = new Map(partners.map((p) => [p.id, p]));
  const terms = termsDigest({
    proposerId: me.partnerId,
    memberIds,
    name: input.name,
    purposes: input.purposes,
    tokenMode,
  });
  const secret = newCollaborationSecret();
  const wrappedSecrets = [me.partnerId, ...memberIds].map((partnerId) => {
    const partner = byId.get(partnerId);
    if (partner?.status !== 'active') throw new ConcordError('NOT_FOUND', `unknown partner ${partnerId}`);
    const w = wrapSecret({
      terms,
      recipientPartnerId: partnerId,
      recipientPublicKey: fromBase64Url(partner.publicKey),
      sender: me.keys,
      secret,
    });
    return {
      partnerId,
      alg: WRAP_ALG,
      ephemeralPublicKey: toBase64Url(w.ephemeralPublicKey),
      nonce: toBase64Url(w.nonce),
      ciphertext: toBase64Url(w.ciphertext),
    };
  });
  const { collaboration } = await deps.cleanroom.proposeCollaboration({
    name: input.name,
    description: input.description ?? '',
    memberIds,
    purposes: input.purposes,
    policy: input.policy,
    tokenMode,
    expiresAt: input.expiresAt.toISOString(),
    wrappedSecrets,
    ...(input.kMinFloor !== undefined ? { kMinFloor: input.kMinFloor } : {}),
    officer: input.actor.id ?? '',
  });
  const audit: ChangeAudit = {
    actor: input.actor,
    describe: (c) => ({
      action: 'collaboration.propose',
      data: { name: c.name, purposes: c.purposes, partnerIds: input.partnerIds, tokenMode: c.tokenMode },
    }),
  };
  await commitChange(deps, collaboration, audit, {
    sealedSecret: seal(deps.storageKey, secret, sealContext(collaboration.id)),
    proposedByUs: true,
  });
  return getCollaboration(deps.db, collaboration.id);
}

/** Opens the secret the proposer wrapped for us; fails if the terms or the envelope were tampered with. */
function openSecret(c: WireCollaboration, me: Awaited<ReturnType<typeof nodeIdentity>>): Uint8Array {
  if (!c.wrappedSecret) throw new ConcordError('CONFLICT', 'no secret was wrapped for this node');
  const proposer = c.members.find((m) => m.partnerId === c.proposerId);
  if (!proposer) throw new ConcordError('CONFLICT', 'the proposer is not a member');
  const terms = termsDigest({
    proposerId: c.proposerId,
    memberIds: c.members.map((m) => m.partnerId),
    name: c.name,
    purposes: c.purposes,
    tokenMode: c.tokenMode,
  });
  try {
    return unwrapSecret({
      terms,
      recipientPartnerId: me.partnerId,
      recipient: me.keys,
      senderPublicKey: fromBase64Url(proposer.publicKey),
      wrapped: {
        ephemeralPublicKey: fromBase64Url(c.wrappedSecret.ephemeralPublicKey),
        nonce: fromBase64Url(c.wrappedSecret.nonce),
        ciphertext: fromBase64Url(c.wrappedSecret.ciphertext),
      },
    });
  } catch {
    throw new ConcordError('CONFLICT', 'the wrapped collaboration secret does not open for these terms');
  }
}

/** Approves from this node: unwraps and stores the secret first, so an approval never lacks its key. */
export async function approveCollaboration(
  deps: FederationDeps,
  input: { collaborationId: string; kMinFloor?: number | undefined; actor: Actor },
): Promise<Collaboration> {
  const me = await nodeIdentity(deps);
  const { collaboration: before } = await deps.cleanroom.getCollaboration({
    collaborationId: input.collaborationId,
  });
  const secret = openSecret(before, me);
  // Approved at the clean room but not here (the local commit failed after the clean room accepted): complete the
  // local half instead of approving twice, which the clean room refuses.
  const alreadyApproved = before.members.some((m) => m.partnerId === me.partnerId && m.status === 'approved');
  const { collaboration } = alreadyApproved
    ? { collaboration: before }
    : await deps.cleanroom.approveCollaboration({
        collaborationId: input.collaborationId,
        ...(input.kMinFloor !== undefined ? { kMinFloor: input.kMinFloor } : {}),
        officer: input.actor.id ?? '',
      });
  const audit: ChangeAudit = {
    actor: input.actor,
    describe: (c) => ({
      action: 'collaboration.approve',
      data: { name: c.name, purposes: c.purposes, status: c.status },
    }),
  };
  await commitChange(deps, collaboration, audit, {
    sealedSecret: seal(deps.storageKey, secret, sealContext(collaboration.id)),
  });
  return getCollaboration(deps.db, collaboration.id);
}

/** Refreshes every local mirror from the clean room (status, members, policy). */
export async function syncCollaborations(deps: FederationDeps): Promise<Collaboration[]> {
  const { collaborations } = await deps.cleanroom.getCollaborations({});
  for (const c of collaborations) await upsertMirror(deps.db, c);
  return listCollaborations(deps.db);
}

/** Refreshes one mirror. */
export async function syncCollaboration(
  deps: FederationDeps,
  collaborationId: string,
): Promise<Collaboration> {
  const { collaboration } = await deps.cleanroom.getCollaboration({ collaborationId });
  await upsertMirror(deps.db, collaboration);
  return getCollaboration(deps.db, collaborationId);
}

export type LifecycleAction = 'suspend' | 'resume' | 'leave';

/** Leaves at the clean room unless we already left there (a retry after the local commit failed). */
async function leaveOnce(
  deps: FederationDeps,
  ref: { collaborationId: string; reason: string },
): Promise<{ collaboration: WireCollaboration }> {
  const me = await nodeIdentity(deps);
  const current = await deps.cleanroom.getCollaboration({ collaborationId: ref.collaborationId });
  const left = current.collaboration.members.some((m) => m.partnerId === me.partnerId && m.status === 'left');
  return left ? current : deps.cleanroom.leaveCollaboration(ref);
}

/** Suspends, resumes or leaves; leaving makes the clean room delete this node's data in the collaboration. */
export async function changeCollaboration(
  deps: FederationDeps,
  input: { collaborationId: string; action: LifecycleAction; reason?: string; actor: Actor },
): Promise<Collaboration> {
  const ref = { collaborationId: input.collaborationId, reason: input.reason ?? '' };
  const { collaboration } =
    input.action === 'suspend'
      ? await deps.cleanroom.suspendCollaboration(ref)
      : input.action === 'resume'
        ? await deps.cleanroom.resumeCollaboration(ref)
        : await leaveOnce(deps, ref);
  const audit: ChangeAudit = {
    actor: input.actor,
    describe: (c) => ({
      action: `collaboration.${input.action}`,
      data: { reason: input.reason, status: c.status },
    }),
  };
  await commitChange(deps, collaboration, audit, {}, async (trx) => {
    if (input.action !== 'leave') return;
    // Our secret is no longer needed; without it nothing more can be tokenized for this collaboration.
    await trx
      .updateTable('collaboration')
      .set({ sealed_secret: null })
      .where('id', '=', collaboration.id)
      .execute();
    // The clean room deleted our data in it: the publications ended (kept locally for the Art. 19 trail).
    await trx
      .updateTable('publication')
      .set({ status: 'ended', replaced_at: deps.now() })
      .where('collaboration_id', '=', collaboration.id)
      .where('status', 'in', ['live', 'uploading'])
      .execute();
  });
  return getCollaboration(deps.db, collaboration.id);
}

export async function getCollaboration(db: Kysely<Database>, id: string): Promise<Collaboration> {
  const row = await db.selectFrom('collaboration').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such collaboration');
  return row;
}

export function listCollaborations(db: Kysely<Database>): Promise<Collaboration[]> {
  return db.selectFrom('collaboration').selectAll().orderBy('created_at', 'desc').execute();
}

/** The unsealed collaboration secret; CONFLICT when this node has not approved (or has left). */
export function collaborationSecret(storageKey: Uint8Array, c: Collaboration): Uint8Array {
  if (!c.sealed_secret) throw new ConcordError('CONFLICT', 'this node holds no secret for the collaboration');
  return unseal(storageKey, new Uint8Array(c.sealed_secret), sealContext(c.id));
}
