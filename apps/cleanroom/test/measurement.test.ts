// Campaign measurement at the clean room: only a list's receiver publishes, only list members count, only the
// enabling partner reads — with the insight controls: kMin suppression, the seeded Laplace noise of dp.ts (checked
// by recomputing it), epsilon charged once per data version, and withdrawals removing people from the counts.

import { canonicalJson } from '@concord/federation/audit-chain';
import { outputOfKind } from '@concord/protocol/contract/matches';
import { codeOf } from '@concord/service/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/lib/encoding.ts';
import { noisyCounts } from '../src/match/dp.ts';
import {
  addPartner,
  newSecret,
  type Person,
  type Published,
  publish,
  startTestCleanroom,
  type TestCleanroom,
  type TestPartner,
  wrapSecret,
} from './helpers.ts';

const PURPOSES = ['marketing.cross_sell.partner_offers'];
const policy = {
  kMin: 10,
  crossSellLists: true,
  referralLists: false,
  epsilonBudget: 10,
  epsilonPerQuery: 4,
  minSegmentSize: 5,
  listTtlHours: 24,
  retentionDays: 30,
  measurement: true,
};
const people = (from: number, to: number): Person[] =>
  Array.from({ length: to - from + 1 }, (_, k) => ({ email: `m${from + k}@example.com`, mask: 1 }));

let cr: TestCleanroom;
let a: TestPartner;
let b: TestPartner;
let d: TestPartner;
let collaborationId: string;
let pubA: Published;
let listId: string;
let listMembers: string[];

beforeAll(async () => {
  cr = await startTestCleanroom('measurement');
  a = await addPartner(cr, 'Harbor Insurance', 'insurance');
  b = await addPartner(cr, 'Northwind Bank', 'bank');
  d = await addPartner(cr, 'Delta Dealer', 'automotive');
  const secret = newSecret();
  const proposed = await a.client.proposeCollaboration({
    name: 'Measured',
    memberIds: [b.id, d.id],
    purposes: PURPOSES,
    policy,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    wrappedSecrets: [a, b, d].map((p) => wrapSecret(secret, p.id, p.publicKey)),
  });
  collaborationId = proposed.collaboration.id;
  await b.client.approveCollaboration({ collaborationId });
  await d.client.approveCollaboration({ collaborationId });
  pubA = await publish(a, collaborationId, secret, 'a', people(0, 59));
  const pubB = await publish(b, collaborationId, secret, 'b', people(0, 49));
  const match = await a.client.requestMatch({
    collaborationId,
    requesterPublicationId: pubA.publicationId,
    partnerPublicationIds: [pubB.publicationId],
    purpose: PURPOSES[0]!,
    kind: 'cross_sell_list',
  });
  listId = outputOfKind(match, 'cross_sell_list').list.listId as string;
  listMembers = pubA.memberIds.slice(0, 50);
});
afterAll(async () => cr?.stop());

/** The clean room's answer recomputed from the true counts, the documented seed and dp.ts. */
function expected(measurementId: string, dataVersion: string, truth: number[]) {
  const seed = sha256(canonicalJson({ v: 1, kind: 'measurement', measurementId }), '\n', dataVersion);
  return noisyCounts(truth, policy.epsilonPerQuery, seed).counts.map((c) =>
    c < policy.kMin ? { count: null, suppressed: true } : { count: c, suppressed: false },
  );
}

describe('campaign measurement', () => {
  let measurementId: string;

  it('keeps only the list’s members and refuses inconsistent groups', async () => {
    const outsider = pubA.memberIds[55] as string; // published by A but not on the list
    const input = {
      collaborationId,
      listId,
      campaignKey: 'home-cover',
      treated: [...listMembers.slice(0, 40), outsider],
      holdout: listMembers.slice(40, 50),
      converted: listMembers.slice(0, 20),
      revenueBand: '1k–10k' as const,
    };
    expect(await codeOf(a.client.publishMeasurement({ ...input, holdout: listMembers.slice(39, 50) }))).toBe(
      'BAD_INPUT',
    );
    expect(
      await codeOf(a.client.publishMeasurement({ ...input, converted: [pubA.memberIds[58] as string] })),
    ).toBe('BAD_INPUT');
    // Only the receiver can measure its list.
    expect(await codeOf(b.client.publishMeasurement(input))).toBe('NOT_FOUND');
    const out = await a.client.publishMeasurement(input);
    expect(out.accepted).toEqual({ treated: 40, holdout: 10, converted: 20 });
    expect(out.ignored).toBe(1);
    measurementId = out.measurementId;
  });

  it('answers only the enabling partner, noised exactly as insights, charged once per data version', async () => {
    expect((await b.client.listMeasurements({})).measurements.map((m) => m.id)).toEqual([measurementId]);
    expect((await d.client.listMeasurements({})).measurements).toEqual([]);
    expect(await codeOf(d.client.measurementResult({ measurementId }))).toBe('NOT_FOUND');
    expect(await codeOf(a.client.measurementResult({ measurementId }))).toBe('NOT_FOUND');

    const r = await b.client.measurementResult({ measurementId });
    expect(r.noiseScale).toBe(1);
    expect([r.treated, r.treatedConversions, r.holdout, r.holdoutConversions]).toEqual(
      expected(measurementId, r.dataVersion, [40, 20, 10, 0]),
    );
    expect(r.holdoutConversions.suppressed).toBe(true);
    expect(r.revenueBand).toBe('1k–10k');
    expect([r.epsilonCharged, r.epsilonRemaining]).toEqual([4, 6]);
    const again = await b.client.measurementResult({ measurementId });
    expect([again.cached, again.epsilonCharged, again.epsilonRemaining]).toEqual([true, 0, 6]);
    expect(again.treated).toEqual(r.treated);

    // A withdrawal at the receiver removes person 0 (treated, converted) from the list and so from the counts.
    await a.client.sendDeltas({
      publicationId: pubA.publicationId,
      removeMemberIds: [listMembers[0] as string],
    });
    const after = await b.client.measurementResult({ measurementId });
    expect(after.dataVersion).not.toBe(r.dataVersion);
    expect([after.cached, after.epsilonRemaining]).toEqual([false, 2]);
    expect([after.treated, after.treatedConversions, after.holdout, after.holdoutConversions]).toEqual(
      expected(measurementId, after.dataVersion, [39, 19, 10, 0]),
    );
    await a.client.publishMeasurement({
      collaborationId,
      listId,
      campaignKey: 'home-cover',
      treated: listMembers.slice(1, 40),
      holdout: listMembers.slice(40, 50),
      converted: listMembers.slice(1, 21),
    });
    expect(await codeOf(b.client.measurementResult({ measurementId }))).toBe('BUDGET_EXHAUSTED');
  });
});
