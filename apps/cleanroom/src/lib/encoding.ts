// The clean room's own encodings: digests for hashing, pg/PGlite bytes, ISO times. Wire encodings (base64url,
// hex) live in @concord/protocol/encoding and canonical JSON in @concord/federation/audit-chain, shared with the nodes.
import { createHash } from 'node:crypto';

export function sha256(...parts: (Uint8Array | string)[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/** Bytes from pg (Buffer) or PGlite (Uint8Array) as a plain Uint8Array. */
export function bytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
