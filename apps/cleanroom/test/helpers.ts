// Test helpers: a real clean room on port 0 over a fresh test database, partners with X25519 keys, key wrapping
// as a node does it, and synthetic token publications.
import { randomBytes, randomUUID } from 'node:crypto';
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import { BatchWriter, ID_TYPE_CODES } from '@concord/protocol/batch';
import { type CleanroomClient, createCleanroomClient, createOperatorClient } from '@concord/protocol/client';
import { WRAP_ALG, type WrappedSecret } from '@concord/protocol/contract/collaborations';
import { silentLogger } from '@concord/service';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { CleanroomConfig } from '../src/env.ts';
import { type CleanroomService, startCleanroom } from '../src/server.ts';

export const OPERATOR_TOKEN = 'test-operator-token-0123456789';

export interface TestCleanroom {
  service: CleanroomService;
  url: string;
  operator: ReturnType<typeof createOperatorClient>;
  stop(): Promise<void>;
}

export function testConfig(databaseUrl: string | undefined, extra: Partial<CleanroomConfig> = {}) {
  return CleanroomConfig.parse({
    port: 0,
    databaseUrl,
    dataDir: 'memory://',
    operatorToken: OPERATOR_TOKEN,
    logLevel: 'silent',
    sweepIntervalSeconds: 0,
    ...extra,
  });
}

export async function startTestCleanroom(label: string): Promise<TestCleanroom> {
  const url = testServerUrl() ? await createTestDatabaseUrl(label) : undefined;
  const service = await startCleanroom(testConfig(url), { logger: silentLogger() });
  return {
    service,
    url: service.url,
    operator: createOperatorClient({ baseUrl: service.url, operatorToken: OPERATOR_TOKEN }),
    stop: async () => {
      await service.stop();
      if (url) await dropTestDatabase(url);
    },
  };
}

export interface TestPartner {
  id: string;
  name: string;
  credential: string;
  privateKey: Uint8Array;
  publicKey: Uint8Array;
  client: CleanroomClient;
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));

export async function addPartner(cr: TestCleanroom, name: string, industry: string): Promise<TestPartner> {
  const privateKey = x25519.utils.randomSecretKey();
  const publicKey = x25519.getPublicKey(privateKey);
  const { partner, credential } = await cr.operator.addPartner({ name, industry, publicKey: b64(publicKey) });
  return {
    id: partner.id,
    name,
    credential,
    privateKey,
    publicKey,
    client: createCleanroomClient({ baseUrl: cr.url, credential }),
  };
}

const INFO = new TextEncoder().encode('concord/v1/wrap');

/** Wraps the collaboration secret for one member the way the node does (X25519 + HKDF + XChaCha20-Poly1305). */
export function wrapSecret(
  secret: Uint8Array,
  partnerId: string,
  memberPublicKey: Uint8Array,
): WrappedSecret {
  const eph = x25519.utils.randomSecretKey();
  const ephPub = x25519.getPublicKey(eph);
  const shared = x25519.getSharedSecret(eph, memberPublicKey);
  const key = hkdf(sha256, shared, concat(ephPub, memberPublicKey), INFO, 32);
  const nonce = randomBytes(24);
  const ciphertext = xchacha20poly1305(key, nonce, new TextEncoder().encode(partnerId)).encrypt(secret);
  return {
    partnerId,
    alg: WRAP_ALG,
    ephemeralPublicKey: b64(ephPub),
    nonce: b64(nonce),
    ciphertext: b64(ciphertext),
  };
}

export function unwrapSecret(w: WrappedSecret, privateKey: Uint8Array): Uint8Array {
  const ephPub = unb64(w.ephemeralPublicKey);
  const myPub = x25519.getPublicKey(privateKey);
  const shared = x25519.getSharedSecret(privateKey, ephPub);
  const key = hkdf(sha256, shared, concat(ephPub, myPub), INFO, 32);
  return xchacha20poly1305(key, unb64(w.nonce), new TextEncoder().encode(w.partnerId)).decrypt(
    unb64(w.ciphertext),
  );
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Token as a node computes it in hmac mode: HMAC-SHA256(HKDF(secret, "concord/v1/token/<type>"), value). */
export function tokenFor(secret: Uint8Array, idType: 'email' | 'phone', value: string): Uint8Array {
  const key = hkdf(sha256, secret, undefined, new TextEncoder().encode(`concord/v1/token/${idType}`), 32);
  return hmac(sha256, key, new TextEncoder().encode(value));
}

export interface Person {
  email?: string;
  phone?: string;
  /** Purpose mask (bit i = collaboration purpose i). */
  mask: number;
}

export interface Published {
  publicationId: string;
  versionId: string;
  /** member id hex → person index */
  members: Map<string, number>;
  memberIds: string[];
}

/** Publishes people as one segment version: one random member id per person, one record per identifier. */
export async function publish(
  partner: TestPartner,
  collaborationId: string,
  secret: Uint8Array,
  segmentKey: string,
  people: Person[],
  opts: { batchSize?: number; memberIds?: string[]; kMin?: number; listsMask?: number } = {},
): Promise<Published> {
  const begun = await partner.client.beginPublication({
    collaborationId,
    segmentKey,
    name: `Segment ${segmentKey}`,
    ...(opts.kMin ? { kMin: opts.kMin } : {}),
    ...(opts.listsMask !== undefined ? { listsMask: opts.listsMask } : {}),
  });
  const batchSize = opts.batchSize ?? 1000;
  const members = new Map<string, number>();
  const memberIds: string[] = [];
  let writer = new BatchWriter();
  let seq = 0;
  let records = 0;
  const flush = async () => {
    if (writer.length === 0) return;
    records += writer.length;
    await partner.client.uploadBatch(begun.versionId, seq++, writer.finish());
    writer = new BatchWriter();
  };
  for (const [i, p] of people.entries()) {
    const idHex = opts.memberIds?.[i] ?? randomBytes(16).toString('hex');
    const id = Buffer.from(idHex, 'hex');
    members.set(idHex, i);
    memberIds.push(idHex);
    if (p.email) writer.push(id, ID_TYPE_CODES.email, tokenFor(secret, 'email', p.email), p.mask);
    if (p.phone) writer.push(id, ID_TYPE_CODES.phone, tokenFor(secret, 'phone', p.phone), p.mask);
    if (writer.length >= batchSize) await flush();
  }
  await flush();
  await partner.client.commitPublication({
    versionId: begun.versionId,
    batchCount: seq,
    recordCount: records,
  });
  return { publicationId: begun.publicationId, versionId: begun.versionId, members, memberIds };
}

export function newSecret(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

export function key(): string {
  return randomUUID();
}
