// Keyed tokens: per-collaboration, per-type keys (HKDF-SHA256) and HMAC-SHA256 tokens.
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { assertBytes, assertIdType, assertString, assertTokenMode } from '../assert.ts';
import { ID_TYPES, type IdType } from '../id-types.ts';
import type { TokenMode } from '../types.ts';

export const TOKEN_BYTES = 32;
export const KEY_BYTES = 32;
/** Collaboration secrets shorter than this are refused; 32 random bytes is what nodes generate. */
export const MIN_SECRET_BYTES = 16;
/** HKDF info prefix; the id type is appended so email and phone keys are independent. */
export const TOKEN_KEY_INFO_PREFIX = 'concord/v1/token/';

/**
 * K_c,t = HKDF-SHA256(IKM = collaboration secret, salt = empty, info = "concord/v1/token/" + idType, L = 32).
 * The salt is empty (RFC 5869 then uses HashLen zero bytes) because the secret is already uniformly
 * random and unique per collaboration.
 */
export function deriveTokenKey(collaborationSecret: Uint8Array, idType: IdType): Uint8Array {
  assertBytes(collaborationSecret, 'collaborationSecret');
  if (collaborationSecret.length < MIN_SECRET_BYTES) {
    throw new RangeError(`collaborationSecret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  assertIdType(idType);
  return hkdf(sha256, collaborationSecret, undefined, utf8ToBytes(TOKEN_KEY_INFO_PREFIX + idType), KEY_BYTES);
}

/** One key per registered id type (each with its own HKDF info), for publishers and bulk workers. */
export function deriveTokenKeys(collaborationSecret: Uint8Array): Record<IdType, Uint8Array> {
  return Object.fromEntries(ID_TYPES.map((t) => [t, deriveTokenKey(collaborationSecret, t)])) as Record<
    IdType,
    Uint8Array
  >;
}

/** token = HMAC-SHA256(key, UTF-8 bytes of the normalized identifier), 32 bytes. */
export function tokenize(key: Uint8Array, normalizedValue: string): Uint8Array {
  assertBytes(key, 'key', KEY_BYTES);
  assertString(normalizedValue, 'normalizedValue');
  return hmac(sha256, key, utf8ToBytes(normalizedValue));
}

/**
 * Token in either mode: `hmac` (needs the type's key) or `sha256` (plain hash, key must be
 * undefined; interoperable with UID2/Google/Meta hashes and so linkable — weaker).
 */
export function tokenFor(mode: TokenMode, key: Uint8Array | undefined, normalizedValue: string): Uint8Array {
  assertTokenMode(mode);
  if (mode === 'sha256') {
    if (key !== undefined) throw new TypeError('sha256 mode takes no key');
    assertString(normalizedValue, 'normalizedValue');
    return sha256(utf8ToBytes(normalizedValue));
  }
  if (key === undefined) throw new TypeError('hmac mode needs a key (see deriveTokenKey)');
  return tokenize(key, normalizedValue);
}
