// The collaboration-secret envelope (alg X25519-HKDF-SHA256-XChaCha20Poly1305): the proposing node wraps the
// secret for each member; the clean room relays only ciphertext; each member unwraps its own copy.
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export const SECRET_BYTES = 32;
export const NONCE_BYTES = 24;
const KEY_BYTES = 32;

export interface X25519KeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

export function generateKeyPair(): X25519KeyPair {
  const { secretKey, publicKey } = x25519.keygen();
  return { secretKey, publicKey };
}

export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return x25519.getPublicKey(secretKey);
}

/** A fresh random collaboration secret (IKM for the per-type token keys). */
export function newCollaborationSecret(): Uint8Array {
  return randomBytes(SECRET_BYTES);
}

// The AAD binds a wrapped secret to the proposed terms and its recipient, so the clean room can neither swap
// envelopes between collaborations or members nor change the terms without the unwrap failing.
function wrapAad(terms: string, recipientPartnerId: string): Uint8Array {
  return utf8ToBytes(`concord/v1/wrap|${terms}|${recipientPartnerId}`);
}

/** The AEAD key; exported for the test vectors, which re-derive it with another implementation. */
export function wrapKey(
  ephemeralShared: Uint8Array,
  staticShared: Uint8Array,
  ephemeralPublic: Uint8Array,
  recipientPublic: Uint8Array,
  terms: string,
): Uint8Array {
  // Ephemeral DH gives forward secrecy for the sender side; the static-static DH authenticates the proposer
  // (only the holder of the proposer's private key can produce a blob that opens under its public key).
  return hkdf(
    sha256,
    concatBytes(ephemeralShared, staticShared),
    concatBytes(ephemeralPublic, recipientPublic),
    utf8ToBytes(`concord/v1/wrap/${terms}`),
    KEY_BYTES,
  );
}

export interface WrapInput {
  /** Digest of the collaboration terms (the node's termsDigest). */
  terms: string;
  recipientPartnerId: string;
  recipientPublicKey: Uint8Array;
  sender: X25519KeyPair;
  secret: Uint8Array;
}

export interface WrappedParts {
  ephemeralPublicKey: Uint8Array;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

/** Fixed randomness, for published test vectors only; production calls leave it out. */
export interface WrapEntropy {
  ephemeralSecretKey: Uint8Array;
  nonce: Uint8Array;
}

/** Wraps the collaboration secret for one member (the proposer included). */
export function wrapSecret(input: WrapInput, entropy?: WrapEntropy): WrappedParts {
  const ephSecret = entropy?.ephemeralSecretKey ?? x25519.utils.randomSecretKey();
  const ephPublic = x25519.getPublicKey(ephSecret);
  const key = wrapKey(
    x25519.getSharedSecret(ephSecret, input.recipientPublicKey),
    x25519.getSharedSecret(input.sender.secretKey, input.recipientPublicKey),
    ephPublic,
    input.recipientPublicKey,
    input.terms,
  );
  const nonce = entropy?.nonce ?? randomBytes(NONCE_BYTES);
  const aad = wrapAad(input.terms, input.recipientPartnerId);
  const ciphertext = xchacha20poly1305(key, nonce, aad).encrypt(input.secret);
  return { ephemeralPublicKey: ephPublic, nonce, ciphertext };
}

export interface UnwrapInput {
  terms: string;
  recipientPartnerId: string;
  recipient: X25519KeyPair;
  senderPublicKey: Uint8Array;
  wrapped: WrappedParts;
}

/** Opens a wrapped secret; throws if it was not made by the sender for this recipient and collaboration. */
export function unwrapSecret(input: UnwrapInput): Uint8Array {
  const { ephemeralPublicKey, nonce, ciphertext } = input.wrapped;
  if (ephemeralPublicKey.length !== 32 || nonce.length !== NONCE_BYTES)
    throw new Error('malformed wrapped secret');
  const key = wrapKey(
    x25519.getSharedSecret(input.recipient.secretKey, ephemeralPublicKey),
    x25519.getSharedSecret(input.recipient.secretKey, input.senderPublicKey),
    ephemeralPublicKey,
    input.recipient.publicKey,
    input.terms,
  );
  return xchacha20poly1305(key, nonce, wrapAad(input.terms, input.recipientPartnerId)).decrypt(ciphertext);
}
