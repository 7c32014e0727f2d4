// Random bearer secrets (session cookies, API tokens) and the SHA-256 digests that are all the database keeps.
import { randomBytes } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/** Prefix that marks an API token (CLI) as opposed to a browser session token. */
export const API_TOKEN_PREFIX = 'cct_';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function tokenDigest(token: string): Uint8Array {
  return sha256(utf8ToBytes(token));
}
