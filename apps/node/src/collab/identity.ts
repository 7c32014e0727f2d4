// This node's identity at the clean room: its partner id (whoami) and the X25519 key registered there.

import type { X25519KeyPair } from '@concord/federation/envelope';
import { toBase64Url } from '@concord/protocol/encoding';
import { ConcordError } from '@concord/protocol/errors';
import type { FederationDeps } from './deps.ts';
import { ensureNodeKey } from './node-key.ts';

export interface NodeIdentity {
  partnerId: string;
  name: string;
  industry: string;
  keys: X25519KeyPair;
}

/**
 * Loads the node keypair and asks the clean room who we are. Refuses (CONFLICT) when the clean room holds a
 * different public key: members could not open secrets we wrap, nor we theirs.
 */
export async function nodeIdentity(deps: FederationDeps): Promise<NodeIdentity> {
  const keys = await ensureNodeKey(deps.db, deps.storageKey);
  const { partner } = await deps.cleanroom.whoami();
  const mine = toBase64Url(keys.publicKey);
  if (partner.publicKey !== mine) {
    throw new ConcordError(
      'CONFLICT',
      'the clean room has another public key for this node; register this one',
      {
        publicKey: mine,
      },
    );
  }
  await deps.db
    .updateTable('collab_node_key')
    .set({ partner_id: partner.id })
    .where('partner_id', 'is distinct from', partner.id)
    .execute();
  return { partnerId: partner.id, name: partner.name, industry: partner.industry, keys };
}
