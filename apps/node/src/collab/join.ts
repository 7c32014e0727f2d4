// Joining the clean room with an invitation code, rotating this node's credential, and revoking it (admin).
// The credential travels only in the clean room's answer and lands in the credential file (collab/credential.ts).
import { createPublicClient } from '@concord/protocol/client';
import { toBase64Url } from '@concord/protocol/encoding';
import { ConcordError } from '@concord/protocol/errors';
import { appendAudit } from '../audit/log.ts';
import { type Actor, auditActor } from '../auth/actor.ts';
import type { Deps } from '../deps.ts';
import type { NodeConfig } from '../env.ts';
import { credentialIsFixed, currentCredential, storeCredential } from './credential.ts';
import { cleanroomClient } from './deps.ts';
import { ensureNodeKey, storageKeyFor } from './node-key.ts';

/** The node's deps plus its config (joining needs no clean-room client yet: this is how it gets one). */
export type JoinDeps = Deps & { config: NodeConfig };

function requireCleanroomUrl(config: NodeConfig): string {
  if (!config.cleanroomUrl) {
    throw new ConcordError(
      'UNAVAILABLE',
      'no clean room URL is configured: set cleanroomUrl in the node configuration (concord node init --cleanroom-url …)',
    );
  }
  return config.cleanroomUrl;
}

function requireReplaceable(config: NodeConfig): void {
  if (credentialIsFixed(config)) {
    throw new ConcordError(
      'CONFLICT',
      'this node was started with a fixed credential (--cleanroom-credential); remove it to join or rotate from here',
    );
  }
}

async function audit(deps: JoinDeps, actor: Actor, action: string, data: Record<string, unknown>) {
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, {
      action,
      subjectType: 'Credential',
      ...auditActor(actor),
      at: deps.now(),
      data,
    }),
  );
}

/** Redeems the operator's invitation code with this node's public key and keeps the credential it returns. */
export async function joinCleanroom(deps: JoinDeps, input: { code: string; actor: Actor }) {
  const { code, actor } = input;
  const baseUrl = requireCleanroomUrl(deps.config);
  requireReplaceable(deps.config);
  if (currentCredential(deps.config)) {
    const { partner } = await cleanroomClient(deps.config)
      .whoami()
      .catch(() => ({ partner: null }));
    if (partner) throw new ConcordError('CONFLICT', `this node has already joined as "${partner.name}"`);
  }
  const keys = await ensureNodeKey(deps.db, storageKeyFor(deps.config));
  // No automatic retry: a code redeems once, a blind retry after a lost answer would only be refused.
  const { partner, credential } = await createPublicClient({ baseUrl, retries: 0 }).redeemInvitation({
    code: code.trim(),
    publicKey: toBase64Url(keys.publicKey),
  });
  storeCredential(deps.config, credential);
  await audit(deps, actor, 'cleanroom.joined', { partnerId: partner.id, name: partner.name });
  deps.logger.info({ partnerId: partner.id }, 'joined the clean room');
  return { partner: { id: partner.id, name: partner.name, industry: partner.industry } };
}

/** Gets a new credential from the clean room (the old one stops at once) and keeps it. */
export async function rotateCleanroomCredential(deps: JoinDeps, input: { actor: Actor }) {
  const { actor } = input;
  requireCleanroomUrl(deps.config);
  requireReplaceable(deps.config);
  const { partnerId, credential } = await cleanroomClient(deps.config).rotateOwnCredential();
  storeCredential(deps.config, credential);
  await audit(deps, actor, 'cleanroom.credential_rotated', { partnerId });
  return { partnerId };
}

/** Revokes this node's credential at the clean room and forgets it; only a new invitation brings the node back. */
export async function revokeCleanroomCredential(deps: JoinDeps, input: { actor: Actor }) {
  const { actor } = input;
  requireCleanroomUrl(deps.config);
  requireReplaceable(deps.config);
  const { partner } = await cleanroomClient(deps.config).revokeOwnCredential();
  storeCredential(deps.config, undefined);
  await audit(deps, actor, 'cleanroom.credential_revoked', { partnerId: partner.id });
  return { partnerId: partner.id };
}
