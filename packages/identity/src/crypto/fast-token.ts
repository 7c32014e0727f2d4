// Allocation-free token writer for bulk loops: same bytes as tokenFor(), about 3x faster.
//
// Why: a fresh noble HMAC hashes both padded key blocks for every message (4 SHA-256 blocks for a
// short identifier). Cloning an instance whose pads are already absorbed costs 2 blocks, and
// encoding into a reused buffer avoids per-record allocations.
import { type _HMAC, hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { assertBytes, assertTokenMode } from '../assert.ts';
import type { TokenMode } from '../types.ts';
import { KEY_BYTES, TOKEN_BYTES } from './token.ts';

/** Writes the 32-byte token of `normalizedValue` into `out` at `offset`. */
export type TokenWriter = (normalizedValue: string, out: Uint8Array, offset: number) => void;

const SCRATCH_BYTES = 1024;

export function createTokenWriter(mode: TokenMode, key: Uint8Array | undefined): TokenWriter {
  assertTokenMode(mode);
  const encoder = new TextEncoder();
  const scratch = new Uint8Array(SCRATCH_BYTES);
  const encode = (value: string): Uint8Array => {
    // Normalized identifiers are short; the 1 KiB scratch covers them (UTF-8 is at most 3 bytes/unit).
    if (value.length * 3 <= SCRATCH_BYTES)
      return scratch.subarray(0, encoder.encodeInto(value, scratch).written);
    return encoder.encode(value);
  };
  if (mode === 'sha256') {
    if (key !== undefined) throw new TypeError('sha256 mode takes no key');
    const base = sha256.create();
    let work = base.clone();
    return (value, out, offset) => {
      work = base._cloneInto(work);
      work.update(encode(value));
      work.digestInto(out.subarray(offset, offset + TOKEN_BYTES));
    };
  }
  assertBytes(key, 'key', KEY_BYTES);
  const base: _HMAC<ReturnType<typeof sha256.create>> = hmac.create(sha256, key);
  let work = base.clone();
  return (value, out, offset) => {
    work = base._cloneInto(work);
    work.update(encode(value));
    work.digestInto(out.subarray(offset, offset + TOKEN_BYTES));
  };
}
