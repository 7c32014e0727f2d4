// deals.*: pipeline moves, a won deal becoming a purchase (and a campaign conversion), deals from campaign
// responses only, the board, and the forecast against an independent least-squares computation.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertPurchases } from '../../src/crm/history/upsert-purchases.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, openTestDb, USERS } from '../crm/helpers.ts';
import { PURPOSE, people, seedCampaignNode } from './fixtures.ts';

let tdb: TestDatabase<Database>;
const NOW = new Date('2026-11-28T12:00:00Z');
let ids: Map<string, string>;
let segmentId: string;
const cid = (k: number) => ids.get(`C-${String(k).padStart(3, '0')}`) as string;

beforeAll(async () => {
  tdb = await openTestDb('campaigns_deals');
  ({ ids, segmentId } = await seedCampaignNode(tdb.db, people(12), new Date(NOW.getTime() - 86_400_000)));
});
afterAll(async () => tdb?.close());

describe('deals', () => {
  it('moves along the pipeline; won becomes a purchase; closed deals are final', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    expect(await codeOf(callerAs(tdb.db, 'compliance', NOW).deals.board())).toBe('FORBIDDEN');
    const d = await m.deals.create({
      title: 'Mortgage 300k',
      customerId: cid(1),
      amount: 3000,
      expectedClose: '2027-01-15',
      product: 'Mortgage',
      category: 'mortgage',
    });
    expect(d).toMatchObject({
      stage: 'lead',
      probability: 10,
      ownerId: USERS.marketer.id,
      expectedClose: '2027-01-15',
    });
    expect((await m.deals.update({ id: d.id, patch: { stage: 'proposal' } })).probability).toBe(50);
    const won = await m.deals.update({ id: d.id, patch: { stage: 'won', amount: 3200 } });
    expect(won).toMatchObject({ stage: 'won', probability: 100, amount: 3200 });
    const purchase = await tdb.db
      .selectFrom('purchase')
      .selectAll()
      .where('id', '=', won.purchaseId as string)
      .executeTakeFirstOrThrow();
    expect([purchase.external_id, purchase.customer_id, Number(purchase.price), purchase.product]).toEqual([
      `deal:${d.id}`,
      cid(1),
      3200,
      'Mortgage',
    ]);
    expect(await codeOf(m.deals.update({ id: d.id, patch: { stage: 'lead' } }))).toBe('CONFLICT');
    const board = await m.deals.board();
    expect(board.map((c) => c.stage)).toEqual([
      'lead',
      'qualified',
      'proposal',
      'negotiation',
      'won',
      'lost',
    ]);
    expect(board.find((c) => c.stage === 'won')?.total).toBe(3200);
  });

  it('a deal from a campaign response, won, counts as that campaign conversion', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    const c = await m.campaigns.create({
      name: 'Mortgage refinancing',
      audience: { kind: 'segment', segmentId, purpose: PURPOSE },
      channels: ['phone'],
      offer: { category: 'mortgage' },
      startsOn: '2026-11-28',
      holdoutPct: 0,
    });
    await m.campaigns.launch({ campaignId: c.id });
    await m.campaigns.recordContacts({
      campaignId: c.id,
      contacts: [
        { customerId: cid(2), channel: 'phone', status: 'sent', occurredAt: NOW },
        { customerId: cid(2), channel: 'phone', status: 'responded', occurredAt: NOW },
        { customerId: cid(3), channel: 'phone', status: 'sent', occurredAt: NOW },
      ],
    });
    const refused = m.deals.fromResponse({
      campaignId: c.id,
      customerId: cid(3),
      amount: 1,
      expectedClose: '2027-01-01',
    });
    expect(await codeOf(refused)).toBe('CONFLICT');
    const d = await m.deals.fromResponse({
      campaignId: c.id,
      customerId: cid(2),
      amount: 2500,
      expectedClose: '2027-01-01',
    });
    expect(d).toMatchObject({ stage: 'qualified', campaignId: c.id, category: 'mortgage', probability: 25 });
    const later = callerAs(tdb.db, 'marketer', new Date(NOW.getTime() + 3_600_000));
    await later.deals.update({ id: d.id, patch: { stage: 'won' } });
    const res = await later.campaigns.results({ campaignId: c.id });
    expect(res.treatment).toMatchObject({ members: 2, converted: 1, responded: 1, revenue: 2500 });
  });

  it('forecast: actuals by month, least-squares trend, weighted pipeline by expected close', async () => {
    // Six past months of purchases with known totals (the two deal purchases above fall in November).
    const past = [
      ['2026-05', 1000],
      ['2026-06', 1300],
      ['2026-07', 900],
      ['2026-08', 1600],
      ['2026-09', 1700],
      ['2026-10', 2100],
    ] as const;
    await upsertPurchases(
      tdb.db,
      past.map(([month, price], k) => ({
        externalId: `hist-${k}`,
        customerExternalId: 'C-004',
        product: 'Card',
        price,
        purchasedAt: new Date(`${month}-10T08:00:00Z`),
      })),
    );
    const m = callerAs(tdb.db, 'marketer', NOW);
    await m.deals.create({
      title: 'A',
      customerId: cid(5),
      amount: 1000,
      expectedClose: '2026-12-20',
      probability: 40,
    });
    await m.deals.create({
      title: 'B',
      customerId: cid(6),
      amount: 500,
      expectedClose: '2026-10-01',
      stage: 'negotiation',
    });
    await m.deals.create({ title: 'C', customerId: cid(7), amount: 800, expectedClose: '2027-02-03' });
    const f = await m.deals.forecast({ history: 6, ahead: 3, fitMonths: 6 });
    expect(f.map((p) => p.month)).toEqual([
      '2026-05-01',
      '2026-06-01',
      '2026-07-01',
      '2026-08-01',
      '2026-09-01',
      '2026-10-01',
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
      '2027-02-01',
    ]);
    expect(f.slice(0, 6).map((p) => p.actual)).toEqual(past.map(([, v]) => v));
    // Independent least squares: slope = (nΣxy − ΣxΣy) / (nΣx² − (Σx)²), x = 0..5.
    const ys = past.map(([, v]) => v as number);
    const n = ys.length;
    const sx = (n * (n - 1)) / 2;
    const sxx = ((n - 1) * n * (2 * n - 1)) / 6;
    const sy = ys.reduce((s, y) => s + y, 0);
    const sxy = ys.reduce((s, y, x) => s + x * y, 0);
    const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const intercept = (sy - slope * sx) / n;
    for (const [i, p] of f.entries()) expect(p.trend).toBeCloseTo(intercept + slope * i, 6);
    // B is overdue (October) and counts in the current month at 75%; A in December at 40%; C in February at 10%.
    expect(f.map((p) => p.pipeline)).toEqual([0, 0, 0, 0, 0, 0, 375, 400, 0, 80]);
    expect(f[6]?.forecast).toBeCloseTo(intercept + slope * 6 + 375, 6);
    expect(f[9]?.forecast).toBeCloseTo(intercept + slope * 9 + 80, 6);
    expect(f[5]?.forecast).toBeNull();
  });
});
