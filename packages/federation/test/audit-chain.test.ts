import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, checkLink, GENESIS_HASH } from '../src/audit-chain.ts';

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, undefined] } })).toBe(
      '{"a":{"c":[2,null]},"b":1}',
    );
  });

  it('encodes the values JSON cannot hold the same way everywhere', () => {
    expect(canonicalJson({ n: 12345678901234567890n })).toBe('{"n":"12345678901234567890"}');
    expect(canonicalJson({ b: new Uint8Array([1, 2, 255]) })).toBe('{"b":"AQL/"}');
    expect(canonicalJson({ t: new Date(Date.UTC(2026, 10, 30)) })).toBe('{"t":"2026-11-30T00:00:00.000Z"}');
  });

  it('refuses NaN and Infinity instead of hashing them as null', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(TypeError);
  });

  it('is stable under a JSON round trip (what a jsonb column gives back)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const once = canonicalJson(v);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
    );
  });
});

describe('chain links', () => {
  it('hash = SHA-256(prev ‖ UTF-8(event))', () => {
    const event = canonicalJson({ seq: 1, action: 'x' });
    const expected = sha256(concatBytes(GENESIS_HASH, utf8ToBytes(event)));
    expect(bytesToHex(chainHash(GENESIS_HASH, event))).toBe(bytesToHex(expected));
  });

  it('names an edited event and a re-written predecessor', () => {
    const e1 = canonicalJson({ seq: 1 });
    const h1 = chainHash(GENESIS_HASH, e1);
    const e2 = canonicalJson({ seq: 2 });
    const h2 = chainHash(h1, e2);
    expect(checkLink(h1, { prevHash: h1, hash: h2 }, e2)).toBeNull();
    expect(checkLink(h1, { prevHash: h1, hash: h2 }, canonicalJson({ seq: 2, edited: true }))).toBe(
      'hash_mismatch',
    );
    expect(checkLink(GENESIS_HASH, { prevHash: h1, hash: h2 }, e2)).toBe('prev_hash_mismatch');
  });
});
