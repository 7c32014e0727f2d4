// Test helpers: a real clean room on port 0 over a fresh test database, partners with X25519 keys, key wrapping
// as a node does it, and synthetic token publications.
import { randomBytes, randomUUID } from 'node:crypto';
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import {
  generateKeyPair,
  unwrapSecret as unwrapEnvelope,
  wrapSecret as wrapEnvelope,
} from '@concord/federation/envelope';
import { deriveTokenKey, ID_WIRE_CODES, tokenize } from '@concord/identity';
import { BatchWriter } from '@concord/protocol/batch';
import { type CleanroomClient, createCleanroomClient, createOperatorClient } from '@concord/protocol/client';
import { WRAP_ALG, type WrappedSecret } from '@concord/protocol/contract/collaborations';
import { silentLogger } from '@concord/service';
import { x25519 } from '@noble/curves/ed25519.js';
import { CleanroomConfig } from '../src/env.ts';
import { type CleanroomService, startCleanroom } from '../src/server.ts';

export const OPERATOR_TOKEN = 'test-operator-token-0123456789';

export { codeOf } from '@concord/service/testing';

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

export async function startTestCleanroom(
  label: string,
  extra: Partial<CleanroomConfig> = {},
): Promise<TestCleanroom> {
  const url = testServerUrl() ? await createTestDatabaseUrl(label) : undefined;
  const service = await startCleanroom(testConfig(url, extra), { logger: silentLogger() });
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

// The clean room only relays envelopes; tests wrap them with the node's own implementation, from one test
// proposer, under fixed terms (the clean room never sees or checks either).
const TEST_PROPOSER = generateKeyPair();
const TEST_TERMS = 'concord-cleanroom-tests';

/** Wraps the collaboration secret for one member exactly as a node does (@concord/federation/envelope). */
export function wrapSecret(
  secret: Uint8Array,
  partnerId: string,
  memberPublicKey: Uint8Array,
): WrappedSecret {
  const w = wrapEnvelope({
    terms: TEST_TERMS,
    recipientPartnerId: partnerId,
    recipientPublicKey: memberPublicKey,
    sender: TEST_PROPOSER,
    secret,
  });
  return {
    partnerId,
    alg: WRAP_ALG,
    ephemeralPublicKey: b64(w.ephemeralPublicKey),
    nonce: b64(w.nonce),
    ciphertext: b64(w.ciphertext),
  };
}

/** An active two-member collaboration (lists allowed, kMin 2) between `a` and `b`, approved by `b`; its id. */
export async function openPairCollaboration(
  a: TestPartner,
  b: TestPartner,
  name: string,
  purposes: string[],
  secret: Uint8Array,
): Promise<string> {
  const proposed = await a.client.proposeCollaboration({
    name,
    memberIds: [b.id],
    purposes,
    policy: { kMin: 2, crossSellLists: true, referralLists: true, epsilonBudget: 5, minSegmentSize: 2 },
    tokenMode: 'hmac',
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    wrappedSecrets: [a, b].map((p) => wrapSecret(secret, p.id, p.publicKey)),
    officer: 'officer-a',
  });
  await b.client.approveCollaboration({ collaborationId: proposed.collaboration.id });
  return proposed.collaboration.id;
}

export function unwrapSecret(w: WrappedSecret, privateKey: Uint8Array): Uint8Array {
  return unwrapEnvelope({
    terms: TEST_TERMS,
    recipientPartnerId: w.partnerId,
    recipient: { secretKey: privateKey, publicKey: x25519.getPublicKey(privateKey) },
    senderPublicKey: TEST_PROPOSER.publicKey,
    wrapped: {
      ephemeralPublicKey: unb64(w.ephemeralPublicKey),
      nonce: unb64(w.nonce),
      ciphertext: unb64(w.ciphertext),
    },
  });
}

/** Token as a node computes it in hmac mode (@concord/identity): HMAC-SHA256(HKDF(secret, idType), value). */
export function tokenFor(secret: Uint8Array, idType: 'email' | 'phone', value: string): Uint8Array {
  return tokenize(deriveTokenKey(secret, idType), value);
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
    if (p.email) writer.push(id, ID_WIRE_CODES.email, tokenFor(secret, 'email', p.email), p.mask);
    if (p.phone) writer.push(id, ID_WIRE_CODES.phone, tokenFor(secret, 'phone', p.phone), p.mask);
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

/** A clean room with two partners (a bank, an insurer) in one active collaboration over `purposes`. */
export async function startPair(label: string, purposes: string[]) {
  const cr = await startTestCleanroom(label);
  const a = await addPartner(cr, 'Acme Bank', 'bank');
  const b = await addPartner(cr, 'Bolt Insurance', 'insurance');
  const secret = newSecret();
  const collabId = await openPairCollaboration(a, b, label, purposes, secret);
  return { cr, a, b, secret, collabId };
}
