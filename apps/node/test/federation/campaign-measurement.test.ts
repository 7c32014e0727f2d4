// Cross-partner campaign measurement end to end over HTTP: the insurer runs a campaign with a holdout on a
// cross-sell list the bank enabled and sees the lift; the bank sees only aggregated, noisy, kMin-suppressed
// conversions charged to its epsilon budget — and no response it receives ever holds a customer id.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concordCodeOf } from '@concord/service/trpc';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../src/api/router.ts';
import { upsertPurchases } from '../../src/crm/history/upsert-purchases.ts';
import { PURPOSE_CROSS_SELL } from './fixtures.ts';
import { type NodeClient, runCli } from './harness.ts';
import { type Federation, startFederation, waitForPropagation } from './scenario.ts';
import type { Person } from './seed.ts';

const N = 220;
const email = (i: number) => `buyer${i}@example.net`;
const insurerPeople = (): Person[] =>
  Array.from({ length: N }, (_, k) => ({
    externalId: `INS-${k + 1}`,
    emails: [email(k + 1)],
    consent: 'given',
  }));
// The bank knows persons 1..200 (some by phone only would need phones; e-mail case differs on purpose).
const bankPeople = (): Person[] =>
  Array.from({ length: 200 }, (_, k) => ({
    externalId: `BNK-${k + 1}`,
    emails: [email(k + 1).toUpperCase()],
    consent: k + 1 === 7 ? 'refused' : 'given',
  }));

const POLICY = { kMin: 25, epsilonBudget: 5, epsilonPerQuery: 2, measurement: true };

let fed: Federation;
/** Every response body the bank's marketer receives from its node. */
const bankResponses: string[] = [];
let bank: NodeClient;

function recordingClient(url: string, token: string): NodeClient {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        headers: { authorization: `Bearer ${token}` },
        fetch: async (input, init) => {
          const res = await fetch(input as string, init as RequestInit);
          const body = await res.text();
          bankResponses.push(body);
          return new Response(body, { status: res.status, headers: res.headers });
        },
      }),
    ],
  });
}

beforeAll(async () => {
  fed = await startFederation(
    'measure',
    { bank: bankPeople(), insurer: insurerPeople() },
    [PURPOSE_CROSS_SELL],
    POLICY,
  );
  bank = recordingClient(fed.bank.node.url, fed.bank.tokens.marketer);
}, 180_000);
afterAll(async () => fed?.stop());

describe('campaign on a cross-sell list, measured for the partner', () => {
  let audienceListId: string;
  let campaignId: string;
  let treatment: string[];
  let holdout: string[];
  let withdrawn: string;

  it('the insurer receives the list and launches a campaign with a seeded 20% holdout', async () => {
    const ins = fed.insurer.as.marketer;
    const match = await ins.matches.request.mutate({
      collaborationId: fed.collaborationId,
      kind: 'cross_sell_list',
      purpose: PURPOSE_CROSS_SELL,
      publicationId: fed.insurerPublicationId,
      partnerPublicationIds: [fed.bankCleanroomPublicationId],
    });
    // Persons 1..200 overlap; the bank's person 7 refused.
    expect(match.audience?.resolved).toBe(199);
    audienceListId = match.audience?.audienceListId as string;
    const c = await ins.campaigns.create.mutate({
      name: 'Home insurance for bank customers',
      audience: { kind: 'list', audienceListId },
      channels: ['email', 'phone'],
      offer: { category: 'home_insurance' },
      startsOn: new Date().toISOString().slice(0, 10),
      windowDays: 30,
      holdoutPct: 20,
      seed: 'measure-15',
      cost: 2000,
    });
    expect(c.purpose).toBe(PURPOSE_CROSS_SELL);
    expect(c.collaborationId).toBe(fed.collaborationId);
    campaignId = c.id;
    const report = await ins.campaigns.launch.mutate({ campaignId });
    expect(report).toMatchObject({ audience: 199, treatment: 159, holdout: 40, skipped: {} });
    const members = await ins.campaigns.members.query({ campaignId, limit: 1000 });
    treatment = members.filter((m) => m.group === 'treatment').map((m) => m.customerId);
    holdout = members.filter((m) => m.group === 'holdout').map((m) => m.customerId);
    expect(treatment).toHaveLength(159);
  });

  it('contacts are recorded; a member who withdrew is skipped and never contacted', async () => {
    const ins = fed.insurer.as;
    withdrawn = treatment[0] as string;
    const since = new Date();
    await ins.compliance.consent.withdraw.mutate({ customerId: withdrawn, purposes: [PURPOSE_CROSS_SELL] });
    await waitForPropagation(fed.insurer, 1, since);
    const now = new Date();
    const r = await ins.marketer.campaigns.recordContacts.mutate({
      campaignId,
      contacts: treatment.map((customerId) => ({
        customerId,
        channel: 'email',
        status: 'sent',
        occurredAt: now,
      })),
    });
    expect(r.recorded).toBe(158);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]?.customerId).toBe(withdrawn);
    expect(r.rejected[0]?.reason).toMatch(/^skipped:(removed_from_list|withdrawn)$/);

    // Responses reported by the email service, imported with the CLI: the bad row is named by line.
    const members = await ins.marketer.campaigns.members.query({ campaignId, limit: 1000 });
    const ext = new Map(members.map((m) => [m.customerId, m.externalId]));
    const file = join(mkdtempSync(join(tmpdir(), 'contacts-')), 'report.csv');
    const rows = treatment.slice(1, 21).map((id) => `${ext.get(id)},email,responded,${now.toISOString()}`);
    writeFileSync(
      file,
      ['customer_external_id,channel,status,occurred_at', ...rows, 'INS-2,email,bounced,x'].join('\n'),
    );
    const cli = await runCli(fed.insurer, 'marketer', [
      'campaigns',
      'contacts',
      '--campaign',
      campaignId,
      file,
    ]);
    expect(cli.stdout).toContain('recorded 20, duplicates 0, rejected 1');
    expect(cli.stderr).toContain('line 22: invalid status "bounced"');
    expect(cli.code).toBe(3);
  });

  it('purchases land and the insurer sees the lift with its interval', async () => {
    const ext = new Map(
      (await fed.insurer.as.marketer.campaigns.members.query({ campaignId, limit: 1000 })).map((m) => [
        m.customerId,
        m.externalId,
      ]),
    );
    const soon = new Date(Date.now() + 3 * 86_400_000);
    const buyers = [...treatment.slice(0, 41), ...holdout.slice(0, 2)];
    await upsertPurchases(
      fed.insurer.node.db,
      buyers.map((id, k) => ({
        externalId: `pol-${k}`,
        customerExternalId: ext.get(id) as string,
        product: 'Home cover',
        category: 'home_insurance',
        price: 480,
        purchasedAt: soon,
      })),
    );
    const res = await fed.insurer.as.marketer.campaigns.results.query({ campaignId });
    // treatment[0] withdrew: never counted although they bought.
    expect(res.treatment).toMatchObject({ members: 158, converted: 40, revenue: 40 * 480 });
    expect(res.holdout).toMatchObject({ members: 40, converted: 2 });
    expect(res.lift?.difference).toBeCloseTo(40 / 158 - 2 / 40, 12);
    expect(res.lift?.interval.lower).toBeGreaterThan(0);
    expect(res.skipped).toEqual({ [res.skipped.removed_from_list ? 'removed_from_list' : 'withdrawn']: 1 });
    const pooled = await fed.insurer.as.marketer.campaigns.collaborationResults.query({
      collaborationId: fed.collaborationId,
    });
    expect(pooled.total.treatment.converted).toBe(40);
  });

  it('the bank gets noisy, kMin-suppressed counts charged to its budget — never a customer id', async () => {
    const pub = await fed.insurer.as.marketer.campaigns.publishMeasurement.mutate({ campaignId });
    expect(pub.accepted).toEqual({ treated: 158, holdout: 40, converted: 42 });
    expect(pub.ignored).toBe(0);

    const measurements = await bank.campaigns.partnerMeasurements.query({});
    expect(measurements).toHaveLength(1);
    const first = await bank.campaigns.partnerResult.mutate({ measurementId: measurements[0]!.id });
    expect(first.cached).toBe(false);
    expect(first.kMin).toBeGreaterThanOrEqual(25);
    expect(first.epsilonCharged).toBe(2);
    expect(first.epsilonRemaining).toBeCloseTo(3, 9);
    expect(first.noiseScale).toBe(2); // 4 cells / epsilon 2
    // Laplace(2): |noise| > 30 has probability e^-15.
    expect(Math.abs((first.treated.count as number) - 158)).toBeLessThanOrEqual(30);
    expect(Math.abs((first.treatedConversions.count as number) - 40)).toBeLessThanOrEqual(30);
    expect(first.holdoutConversions).toEqual({ count: null, suppressed: true });
    expect(first.lift).toBeNull();
    expect(first.revenueBand).toBe('10k–100k');

    const again = await bank.campaigns.partnerResult.mutate({ measurementId: measurements[0]!.id });
    expect(again).toMatchObject({ cached: true, epsilonCharged: 0, treated: first.treated });
    expect(again.epsilonRemaining).toBeCloseTo(3, 9);

    // The insurer re-publishes (new data version): a fresh answer, charged again, until the budget is spent.
    await fed.insurer.as.marketer.campaigns.publishMeasurement.mutate({ campaignId });
    const second = await bank.campaigns.partnerResult.mutate({ measurementId: measurements[0]!.id });
    expect(second).toMatchObject({ cached: false, epsilonCharged: 2 });
    expect(second.epsilonRemaining).toBeCloseTo(1, 9);
    await fed.insurer.as.marketer.campaigns.publishMeasurement.mutate({ campaignId });
    const spent = await bank.campaigns.partnerResult
      .mutate({ measurementId: measurements[0]!.id })
      .catch((e) => e);
    expect(concordCodeOf(spent)).toBe('BUDGET_EXHAUSTED');

    // The insurer cannot ask for the bank-side view of its own campaign.
    const own = await fed.insurer.as.marketer.campaigns.partnerResult
      .mutate({ measurementId: measurements[0]!.id })
      .catch((e) => e);
    expect(concordCodeOf(own)).toBe('NOT_FOUND');

    const forbidden = [
      ...[...fed.insurerIds.values()],
      ...[...fed.insurerIds.keys()],
      ...[...fed.bankIds.values()],
      ...[...fed.bankIds.keys()],
    ];
    const members = await fed.insurer.node.db.selectFrom('publication_member').select('member_id').execute();
    const hexes = members.map((m) => Buffer.from(m.member_id).toString('hex'));
    expect(bankResponses.length).toBeGreaterThanOrEqual(5);
    for (const body of bankResponses) {
      for (const id of [...forbidden, ...hexes]) expect(body.includes(id), `${id} in ${body}`).toBe(false);
    }
  });

  it('a collaboration whose approved policy differs only in `measurement: false` refuses to measure', async () => {
    const proposed = await fed.insurer.as.compliance.collaborations.propose.mutate({
      name: 'Bank × Insurer (no measurement)',
      partnerIds: [fed.bank.partnerId],
      purposes: [PURPOSE_CROSS_SELL],
      policy: {
        kMin: 25,
        crossSellLists: true,
        referralLists: true,
        epsilonBudget: 5,
        minSegmentSize: 5,
        epsilonPerQuery: 2,
        measurement: false,
      },
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
    });
    await fed.bank.as.compliance.collaborations.approve.mutate({ collaborationId: proposed.id });
    const segments = await fed.insurer.as.marketer.segments.list.query();
    const bankSegments = await fed.bank.as.marketer.segments.list.query();
    const ins = await fed.insurer.as.marketer.publications.publish.mutate({
      collaborationId: proposed.id,
      segmentId: segments[0]!.id,
    });
    const bnk = await fed.bank.as.marketer.publications.publish.mutate({
      collaborationId: proposed.id,
      segmentId: bankSegments[0]!.id,
    });
    const match = await fed.insurer.as.marketer.matches.request.mutate({
      collaborationId: proposed.id,
      kind: 'cross_sell_list',
      purpose: PURPOSE_CROSS_SELL,
      publicationId: ins.publicationId,
      partnerPublicationIds: [bnk.cleanroomPublicationId],
    });
    const c = await fed.insurer.as.marketer.campaigns.create.mutate({
      name: 'Same campaign, no measurement',
      audience: { kind: 'list', audienceListId: match.audience?.audienceListId as string },
      channels: ['email'],
      offer: { category: 'home_insurance' },
      startsOn: new Date().toISOString().slice(0, 10),
      seed: 'measure-15',
    });
    await fed.insurer.as.marketer.campaigns.launch.mutate({ campaignId: c.id });
    const refused = await fed.insurer.as.marketer.campaigns.publishMeasurement
      .mutate({ campaignId: c.id })
      .catch((e) => e);
    expect(concordCodeOf(refused)).toBe('POLICY_REFUSED');
    expect(await bank.campaigns.partnerMeasurements.query({ collaborationId: proposed.id })).toEqual([]);
  });
});
