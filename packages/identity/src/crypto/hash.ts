// Plain SHA-256 of a normalized identifier, hex or Base64 encoded (UID2/Google/Meta interop).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { assertString } from '../assert.ts';
import { bytesToBase64 } from './base64.ts';

/** SHA-256 of the UTF-8 bytes of `value`. */
export function sha256Bytes(value: string): Uint8Array {
  assertString(value, 'value');
  return sha256(utf8ToBytes(value));
}

/** Lower-case hex SHA-256 of the UTF-8 bytes (Google, Meta). */
export function sha256Hex(value: string): string {
  return bytesToHex(sha256Bytes(value));
}

/** Base64 of the raw 32-byte digest, not of its hex text (UID2 "email_hash"/"phone_hash"). */
export function sha256Base64(value: string): string {
  return bytesToBase64(sha256Bytes(value));
}
