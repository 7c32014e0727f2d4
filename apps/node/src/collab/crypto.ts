// Sealing secrets at rest in the node's DB. The collaboration-secret envelope is in @concord/federation/envelope.
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';

const NONCE_BYTES = 24;
const KEY_BYTES = 32;

/** Key that seals secrets stored in this node's database, derived from configuration (never stored). */
export function deriveStorageKey(nodeSecret: string): Uint8Array {
  return hkdf(sha256, utf8ToBytes(nodeSecret), undefined, utf8ToBytes('concord/v1/node-storage'), KEY_BYTES);
}

/** nonce(24) ‖ ciphertext+tag; `context` (e.g. "node-key", "collab:<id>") is bound as AAD. */
export function seal(storageKey: Uint8Array, plaintext: Uint8Array, context: string): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  return concatBytes(nonce, xchacha20poly1305(storageKey, nonce, utf8ToBytes(context)).encrypt(plaintext));
}

export function unseal(storageKey: Uint8Array, sealed: Uint8Array, context: string): Uint8Array {
  return xchacha20poly1305(storageKey, sealed.subarray(0, NONCE_BYTES), utf8ToBytes(context)).decrypt(
    sealed.subarray(NONCE_BYTES),
  );
}
