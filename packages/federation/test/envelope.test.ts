// Test vectors for the collaboration-secret envelope. The key agreement and key derivation are re-done with
// Node's own crypto (OpenSSL), an implementation independent of the @noble code under test.
import { createPrivateKey, createPublicKey, diffieHellman, hkdfSync } from 'node:crypto';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { describe, expect, it } from 'vitest';
import {
  generateKeyPair,
  newCollaborationSecret,
  publicKeyOf,
  unwrapSecret,
  wrapSecret,
} from '../src/envelope.ts';

const fill = (n: number, len = 32) => new Uint8Array(len).fill(n);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

const sender = { secretKey: fill(1), publicKey: publicKeyOf(fill(1)) };
const recipient = { secretKey: fill(2), publicKey: publicKeyOf(fill(2)) };
const TERMS = 'terms-digest-v1';
const entropy = { ephemeralSecretKey: fill(3), nonce: fill(4, 24) };
const VECTOR = {
  senderPublic: 'a4e09292b651c278b9772c569f5fa9bb13d906b46ab68c9df9dc2b4409f8a209',
  recipientPublic: 'ce8d3ad1ccb633ec7b70c17814a5c76ecd029685050d344745ba05870e587d59',
  ephemeralPublic: '5dfedd3b6bd47f6fa28ee15d969d5bb0ea53774d488bdaf9df1c6e0124b3ef22',
  ciphertext:
    'e80245caf4caecc3c5428f5355e845ef4fcbd7200e9384fedbf74377896e4d83fe497c38c958ae55d56f99f1062de247',
};

function opensslX25519(secretKey: Uint8Array, peerPublic: Uint8Array): Uint8Array {
  const priv = createPrivateKey({
    key: { kty: 'OKP', crv: 'X25519', d: b64u(secretKey), x: b64u(publicKeyOf(secretKey)) },
    format: 'jwk',
  });
  const pub = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64u(peerPublic) }, format: 'jwk' });
  return new Uint8Array(diffieHellman({ privateKey: priv, publicKey: pub }));
}

describe('secret envelope', () => {
  const wrapped = wrapSecret(
    {
      terms: TERMS,
      recipientPartnerId: 'partner-b',
      recipientPublicKey: recipient.publicKey,
      sender,
      secret: fill(9),
    },
    entropy,
  );

  it('matches the pinned vector', () => {
    expect(hex(sender.publicKey)).toBe(VECTOR.senderPublic);
    expect(hex(recipient.publicKey)).toBe(VECTOR.recipientPublic);
    expect(hex(wrapped.ephemeralPublicKey)).toBe(VECTOR.ephemeralPublic);
    expect(hex(wrapped.ciphertext)).toBe(VECTOR.ciphertext);
  });

  it('opens with a key derived independently (OpenSSL X25519 + HKDF-SHA256)', () => {
    const ikm = Buffer.concat([
      opensslX25519(entropy.ephemeralSecretKey, recipient.publicKey),
      opensslX25519(sender.secretKey, recipient.publicKey),
    ]);
    const salt = Buffer.concat([wrapped.ephemeralPublicKey, recipient.publicKey]);
    const key = new Uint8Array(hkdfSync('sha256', ikm, salt, `concord/v1/wrap/${TERMS}`, 32));
    const aad = new TextEncoder().encode(`concord/v1/wrap|${TERMS}|partner-b`);
    expect(hex(xchacha20poly1305(key, entropy.nonce, aad).decrypt(wrapped.ciphertext))).toBe(hex(fill(9)));
  });

  it('round-trips with fresh randomness', () => {
    const a = generateKeyPair();
    const b = generateKeyPair();
    const secret = newCollaborationSecret();
    const w = wrapSecret({
      terms: 't',
      recipientPartnerId: 'b',
      recipientPublicKey: b.publicKey,
      sender: a,
      secret,
    });
    const opened = unwrapSecret({
      terms: 't',
      recipientPartnerId: 'b',
      recipient: b,
      senderPublicKey: a.publicKey,
      wrapped: w,
    });
    expect(hex(opened)).toBe(hex(secret));
  });

  it('fails to open under other terms, another recipient id or another sender', () => {
    const base = {
      recipient,
      senderPublicKey: sender.publicKey,
      wrapped,
      terms: TERMS,
      recipientPartnerId: 'partner-b',
    };
    expect(hex(unwrapSecret(base))).toBe(hex(fill(9)));
    expect(() => unwrapSecret({ ...base, terms: 'other-terms' })).toThrow(/invalid tag/);
    expect(() => unwrapSecret({ ...base, recipientPartnerId: 'partner-c' })).toThrow(/invalid tag/);
    expect(() => unwrapSecret({ ...base, senderPublicKey: generateKeyPair().publicKey })).toThrow(
      /invalid tag/,
    );
    expect(() => unwrapSecret({ ...base, wrapped: { ...wrapped, nonce: fill(4, 12) } })).toThrow(
      'malformed wrapped secret',
    );
  });
});
