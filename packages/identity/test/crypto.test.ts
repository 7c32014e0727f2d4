// Hashes, HKDF key derivation and HMAC tokens, checked against node:crypto as an independent oracle.
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createTokenWriter,
  deriveTokenKey,
  sha256Base64,
  sha256Bytes,
  sha256Hex,
  TOKEN_KEY_INFO_PREFIX,
  tokenFor,
  tokenize,
} from '../src/index.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const SECRET = Uint8Array.from({ length: 32 }, (_, i) => i);

describe('sha256Hex / sha256Base64', () => {
  it('hash the UTF-8 bytes and Base64 the raw digest', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('\u00e9')).toBe(createHash('sha256').update('\u00e9', 'utf8').digest('hex'));
    expect(sha256Base64('\u00e9')).toBe(createHash('sha256').update('\u00e9', 'utf8').digest('base64'));
  });

  it('match node:crypto for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
        expect(sha256Base64(s)).toBe(createHash('sha256').update(s, 'utf8').digest('base64'));
      }),
    );
  });

  it('refuse non-strings', () => {
    expect(() => sha256Bytes(7 as unknown as string)).toThrow(new TypeError('value must be a string'));
  });
});

describe('deriveTokenKey', () => {
  it('is HKDF-SHA256(secret, empty salt, "concord/v1/token/" + idType, 32)', () => {
    const expected = (type: string) =>
      Buffer.from(
        hkdfSync('sha256', SECRET, Buffer.alloc(0), `${TOKEN_KEY_INFO_PREFIX}${type}`, 32),
      ).toString('hex');
    expect(hex(deriveTokenKey(SECRET, 'email'))).toBe(expected('email'));
    expect(hex(deriveTokenKey(SECRET, 'phone'))).toBe(expected('phone'));
    // Pinned so that a change of derivation is a visible, deliberate break.
    expect(hex(deriveTokenKey(SECRET, 'email'))).toBe(
      '13f054805940537cb805bf4be1b6932e286f71c5c4832cc12d64e0fd32eb8f1f',
    );
  });

  it('matches node:crypto for random secrets, and separates id types', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 64 }), (secret) => {
        const email = deriveTokenKey(secret, 'email');
        expect(hex(email)).toBe(
          Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'concord/v1/token/email', 32)).toString(
            'hex',
          ),
        );
        expect(hex(email)).not.toBe(hex(deriveTokenKey(secret, 'phone')));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses weak or malformed input', () => {
    expect(() => deriveTokenKey(new Uint8Array(15), 'email')).toThrow(
      new RangeError('collaborationSecret must be at least 16 bytes'),
    );
    expect(() => deriveTokenKey('secret' as unknown as Uint8Array, 'email')).toThrow(
      new TypeError('collaborationSecret must be a Uint8Array'),
    );
    expect(() => deriveTokenKey(SECRET, 'fax' as 'email')).toThrow(
      new TypeError('unknown identifier type: fax (expected email, phone, loyalty_card)'),
    );
  });
});

describe('tokenize / tokenFor / createTokenWriter', () => {
  const key = deriveTokenKey(SECRET, 'email');

  it('tokenize is HMAC-SHA256(key, UTF-8 value), 32 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (value) => {
        const token = tokenize(key, value);
        expect(token.length).toBe(32);
        expect(hex(token)).toBe(createHmac('sha256', key).update(value, 'utf8').digest('hex'));
      }),
      { numRuns: 300 },
    );
    expect(hex(tokenize(key, 'janedoe@gmail.com'))).toBe(
      'ea97a44a0316d637d111acf52a79803a5c757543ac7a6b6155151acd50544723',
    );
  });

  it('tokenFor covers both modes and checks its key', () => {
    expect(hex(tokenFor('hmac', key, 'janedoe@gmail.com'))).toBe(hex(tokenize(key, 'janedoe@gmail.com')));
    expect(hex(tokenFor('sha256', undefined, 'janedoe@gmail.com'))).toBe(sha256Hex('janedoe@gmail.com'));
    expect(() => tokenFor('hmac', undefined, 'x')).toThrow(
      new TypeError('hmac mode needs a key (see deriveTokenKey)'),
    );
    expect(() => tokenFor('sha256', key, 'x')).toThrow(new TypeError('sha256 mode takes no key'));
    expect(() => tokenFor('md5' as 'hmac', key, 'x')).toThrow(
      new TypeError('unknown token mode: md5 (expected hmac, sha256)'),
    );
    expect(() => tokenize(new Uint8Array(16), 'x')).toThrow(new RangeError('key must be 32 bytes, got 16'));
  });

  it('createTokenWriter writes exactly the bytes of tokenFor, reusing its state across calls', () => {
    const hmacWriter = createTokenWriter('hmac', key);
    const shaWriter = createTokenWriter('sha256', undefined);
    const out = new Uint8Array(96);
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 600 }), { minLength: 1, maxLength: 5 }),
        (values) => {
          for (const value of values) {
            hmacWriter(value, out, 32);
            expect(hex(out.subarray(32, 64))).toBe(hex(tokenFor('hmac', key, value)));
            shaWriter(value, out, 64);
            expect(hex(out.subarray(64, 96))).toBe(hex(tokenFor('sha256', undefined, value)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
