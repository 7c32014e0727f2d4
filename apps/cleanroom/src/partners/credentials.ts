// Partner credentials and the operator token: generation, hashing and constant-time checks.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256 } from '../lib/encoding.ts';

const PREFIX = 'ccp_';

/** A fresh partner credential: 32 random bytes, shown once to the operator. */
export function newCredential(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/**
 * What the clean room stores for a credential. Plain SHA-256 is enough here: the credential is 256 bits of
 * randomness, so there is no dictionary to attack and a slow password KDF would only add latency per request.
 */
export function hashCredential(credential: string): Uint8Array {
  return sha256(credential);
}

/** Constant-time comparison of two secrets of any length (compares their hashes). */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
