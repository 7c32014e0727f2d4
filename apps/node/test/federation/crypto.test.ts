import {
  generateKeyPair,
  newCollaborationSecret,
  unwrapSecret,
  wrapSecret,
} from '@concord/federation/envelope';
import { describe, expect, it } from 'vitest';
import { deriveStorageKey, seal, unseal } from '../../src/collab/crypto.ts';

describe('collaboration secret wrapping', () => {
  const proposer = generateKeyPair();
  const member = generateKeyPair();
  const secret = newCollaborationSecret();
  const terms = { terms: 'c1', recipientPartnerId: 'insurer' };
  const wrapped = wrapSecret({ ...terms, recipientPublicKey: member.publicKey, sender: proposer, secret });

  it('opens for the recipient with the proposer public key', () => {
    expect(wrapped.ciphertext.length).toBe(32 + 16);
    const opened = unwrapSecret({
      ...terms,
      recipient: member,
      senderPublicKey: proposer.publicKey,
      wrapped,
    });
    expect(Buffer.from(opened).equals(Buffer.from(secret))).toBe(true);
  });

  it('refuses another collaboration, another recipient id, another sender or another key', () => {
    const base = { ...terms, recipient: member, senderPublicKey: proposer.publicKey, wrapped };
    expect(() => unwrapSecret({ ...base, terms: 'c2' })).toThrow();
    expect(() => unwrapSecret({ ...base, recipientPartnerId: 'bank' })).toThrow();
    expect(() => unwrapSecret({ ...base, senderPublicKey: generateKeyPair().publicKey })).toThrow();
    expect(() => unwrapSecret({ ...base, recipient: generateKeyPair() })).toThrow();
  });

  it('seals at rest bound to a context', () => {
    const key = deriveStorageKey('a node secret of 16+ chars');
    const sealed = seal(key, secret, 'collab:c1');
    expect(Buffer.from(unseal(key, sealed, 'collab:c1')).equals(Buffer.from(secret))).toBe(true);
    expect(() => unseal(key, sealed, 'collab:c2')).toThrow();
    expect(() => unseal(deriveStorageKey('another secret, 16+ chars'), sealed, 'collab:c1')).toThrow();
  });
});
