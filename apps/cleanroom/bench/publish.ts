// The bench's synthetic publications: N members per side, two tokens each (email, phone), uploaded through the
// real HTTP ingest path (binary batches, 2 in flight) and committed.
import { ID_WIRE_CODES } from '@concord/identity';
import { BatchWriter } from '@concord/protocol/batch';
import type { CleanroomClient } from '@concord/protocol/client';

// Tokens are 32 pseudo-random bytes derived from (person, id type): unique, uniformly spread like HMACs,
// identical for the same person on both sides, and cheap enough to generate 40M of them.
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function fill(out: Uint8Array, view: DataView, seed: number, a: number, words: number): void {
  for (let k = 0; k < words; k++) view.setUint32(k * 4, fmix(fmix(a + Math.imul(k + 1, 0x9e3779b9)) ^ seed));
  void out;
}

export interface Side {
  name: string;
  client: CleanroomClient;
  /** Person index of member 0; members are persons first..first+n-1. */
  first: number;
  memberSeed: number;
}

export async function publishSide(
  collaborationId: string,
  side: Side,
  n: number,
  segmentKey: string,
  batchRecords: number,
  concurrency: number,
) {
  const token = new Uint8Array(32);
  const tokenView = new DataView(token.buffer);
  const member = new Uint8Array(16);
  const memberView = new DataView(member.buffer);
  const started = performance.now();
  const begun = await side.client.beginPublication({ collaborationId, segmentKey, name: segmentKey });
  let seq = 0;
  let records = 0;
  const inFlight = new Set<Promise<unknown>>();
  const writer = new BatchWriter(batchRecords);
  for (let i = 0; i < n; i++) {
    const person = side.first + i;
    fill(member, memberView, side.memberSeed, i, 4);
    fill(token, tokenView, 0x51ed, person * 2, 8);
    writer.push(member, ID_WIRE_CODES.email, token, -1);
    fill(token, tokenView, 0x51ed, person * 2 + 1, 8);
    writer.push(member, ID_WIRE_CODES.phone, token, -1);
    if (writer.length >= batchRecords || i === n - 1) {
      records += writer.length;
      const body = writer.finish();
      const p = side.client.uploadBatch(begun.versionId, seq++, body).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
  }
  await Promise.all(inFlight);
  const uploaded = performance.now();
  const committed = await side.client.commitPublication({
    versionId: begun.versionId,
    batchCount: seq,
    recordCount: records,
  });
  const done = performance.now();
  return {
    publicationId: begun.publicationId,
    versionId: begun.versionId,
    records,
    members: committed.members,
    uploadMs: uploaded - started,
    commitMs: done - uploaded,
    totalMs: done - started,
  };
}
