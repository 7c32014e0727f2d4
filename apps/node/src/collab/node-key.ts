// This node's X25519 keypair: generated once, private key sealed in the node's own database.

import { generateKeyPair, type X25519KeyPair } from '@concord/federation/envelope';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { NodeConfig } from '../env.ts';
import { deriveStorageKey, seal, unseal } from './crypto.ts';

const NODE_KEY_ID = 1;
const NODE_KEY_CONTEXT = 'node-key';
// Without a configured secret the seal is only obfuscation; docs/federation.md says to set CONCORD_NODE_SECRET.
const DEV_SECRET = 'concord-dev-node-secret-unset';

/**
 * The storage key for this node: from `nodeSecret`, else a dev constant. Never from the clean-room credential:
 * a credential is rotated or arrives after first start, and the sealed key would then no longer open.
 */
export function storageKeyFor(config: Pick<NodeConfig, 'nodeSecret'>): Uint8Array {
  return deriveStorageKey(config.nodeSecret ?? DEV_SECRET);
}

/** Loads the node keypair, creating it on first use (concurrent first calls agree on one key). */
export async function ensureNodeKey(db: Kysely<Database>, storageKey: Uint8Array): Promise<X25519KeyPair> {
  const existing = await db
    .selectFrom('collab_node_key')
    .selectAll()
    .where('id', '=', NODE_KEY_ID)
    .executeTakeFirst();
  if (!existing) {
    const pair = generateKeyPair();
    await db
      .insertInto('collab_node_key')
      .values({
        id: NODE_KEY_ID,
        public_key: pair.publicKey,
        sealed_private_key: seal(storageKey, pair.secretKey, NODE_KEY_CONTEXT),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return ensureNodeKey(db, storageKey);
  }
  return {
    publicKey: new Uint8Array(existing.public_key),
    secretKey: unseal(storageKey, new Uint8Array(existing.sealed_private_key), NODE_KEY_CONTEXT),
  };
}
