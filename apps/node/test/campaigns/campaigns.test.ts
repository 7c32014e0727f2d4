// campaigns.*: seeded holdout at launch, consent at launch and before each contact (a withdrawn member is never
// contacted and never counted), follow-ups for personal channels, ESP export, contact import, results.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withdrawConsent } from '../../src/consent/record.ts';
import { splitHoldout } from '../../src/crm/campaigns/holdout.ts';
import { upsertPurchases } from '../../src/crm/history/upsert-purchases.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, openTestDb, USERS } from '../crm/helpers.ts';
import { PURPOSE, people, seedCampaignNode } from './fixtures.ts';

let tdb: TestDatabase<Database>;
const T0 = new Date('2026-11-02T09:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * 86_400_000);
const PEOPLE = people(60);
let ids: Map<string, string>;
let segmentId: string;
let campaignId: string;
let split: { treatment: string[]; holdout: string[] };
const ext = new Map<string, string>();
let withdrawnT: string;
let withdrawnH: string;

beforeAll(async () => {
  tdb = await openTestDb('campaigns_api');
  ({ ids, segmentId } = await seedCampaignNode(tdb.db, PEOPLE, T0));
  for (const [e, id] of ids) ext.set(id, e);
});
afterAll(async () => tdb?.close());

const blockedAtLaunch = () =>
  PEOPLE.filter((p) => p.consent !== 'given').map((p) => ids.get(p.externalId) as string);

describe('campaign lifecycle', () => {
  it('creates a draft from a segment; only marketers may', async () => {
    const input = {
      name: 'Home insurance autumn',
      audience: { kind: 'segment' as const, segmentId, purpose: PURPOSE },
      channels: ['email' as const, 'phone' as const],
      offer: { category: 'home_insurance' },
      startsOn: '2026-11-02',
      windowDays: 30,
      holdoutPct: 20,
      seed: 'seed-15',
      cost: 1200,
    };
    expect(await codeOf(callerAs(tdb.db, 'compliance', T0).campaigns.create(input))).toBe('FORBIDDEN');
    expect(await codeOf(callerAs(tdb.db, 'admin', T0).campaigns.list())).toBe('FORBIDDEN');
    expect(await codeOf(callerAs(tdb.db, 'marketer', T0).campaigns.create({ ...input, offer: {} }))).toBe(
      'BAD_INPUT',
    );
    const c = await callerAs(tdb.db, 'marketer', T0).campaigns.create(input);
    expect(c).toMatchObject({
      status: 'draft',
      holdoutPct: 20,
      ownerId: USERS.marketer.id,
      cost: 1200,
      startsOn: '2026-11-02',
    });
    campaignId = c.id;
  });

  it('launch sets aside the seeded holdout, skips those without consent and plans phone follow-ups', async () => {
    const report = await callerAs(tdb.db, 'marketer', T0).campaigns.launch({ campaignId });
    split = splitHoldout([...ids.values()], 20, 'seed-15');
    expect(report.audience).toBe(60);
    expect(report.holdout).toBe(12);
    expect(split.holdout).toHaveLength(12);
    const none = PEOPLE.filter((p) => p.consent === 'none').length;
    const refused = PEOPLE.filter((p) => p.consent === 'refused').length;
    expect(report.skipped).toEqual({ no_consent: none, refused });
    const blocked = new Set(blockedAtLaunch());
    expect(report.followUps).toBe(split.treatment.filter((t) => !blocked.has(t)).length);
    const stored = await tdb.db
      .selectFrom('campaign_member')
      .select(['customer_id', 'grp'])
      .where('campaign_id', '=', campaignId)
      .execute();
    expect(
      stored
        .filter((m) => m.grp === 'holdout')
        .map((m) => m.customer_id)
        .sort(),
    ).toEqual([...split.holdout].sort());
    // The split does not depend on the order the audience came in.
    expect(splitHoldout([...ids.values()].reverse(), 20, 'seed-15')).toEqual(split);
    expect(await codeOf(callerAs(tdb.db, 'marketer', T0).campaigns.launch({ campaignId }))).toBe('CONFLICT');
  });

  it('a member who withdraws after launch is skipped: never contacted, exported or counted', async () => {
    const blocked = new Set(blockedAtLaunch());
    withdrawnT = split.treatment.find((t) => !blocked.has(t)) as string;
    withdrawnH = split.holdout.find((t) => !blocked.has(t)) as string;
    for (const customerId of [withdrawnT, withdrawnH]) {
      await withdrawConsent(
        { db: tdb.db, now: () => at(1) },
        {
          customerId,
          purposes: [PURPOSE],
          collectionMethod: 'phone',
          source: 'test',
          actor: USERS.marketer,
          via: 'console',
        },
      );
    }
    const m = callerAs(tdb.db, 'marketer', at(2));
    const contactable = split.treatment.filter((t) => !blocked.has(t));
    const report = await m.campaigns.recordContacts({
      campaignId,
      contacts: contactable.map((customerId) => ({
        customerId,
        channel: 'email',
        status: 'sent',
        occurredAt: at(2),
      })),
    });
    expect(report.recorded).toBe(contactable.length - 1);
    expect(report.skipped).toEqual({ withdrawn: 1 });
    expect(report.rejected).toEqual([{ line: null, customerId: withdrawnT, reason: 'skipped:withdrawn' }]);
    const contacts = await tdb.db
      .selectFrom('campaign_contact')
      .select('customer_id')
      .where('customer_id', 'in', [withdrawnT, withdrawnH])
      .execute();
    expect(contacts).toEqual([]);
    const exported = await m.campaigns.exportChannel({ campaignId, channel: 'email' });
    expect(exported.csv).not.toContain(ext.get(withdrawnT));
    expect(exported.csv.split('\n')[0]).toContain('Consent Purpose');
    // The withdrawn member's planned phone call is cancelled.
    const calls = await tdb.db
      .selectFrom('follow_up')
      .innerJoin('campaign_follow_up as cf', 'cf.follow_up_id', 'follow_up.id')
      .select(['follow_up.customer_id', 'follow_up.status'])
      .where('cf.campaign_id', '=', campaignId)
      .execute();
    expect(calls.find((c) => c.customer_id === withdrawnT)?.status).toBe('cancelled');
    expect(calls.filter((c) => c.status === 'open')).toHaveLength(contactable.length - 1);
  });

  it('imports contact results: bad rows reported by line, holdout never contacted, good rows land', async () => {
    const blocked = new Set(blockedAtLaunch());
    const responders = split.treatment.filter((t) => !blocked.has(t) && t !== withdrawnT).slice(0, 6);
    const holdoutMember = split.holdout.find((h) => !blocked.has(h) && h !== withdrawnH) as string;
    const csv = [
      'customer_external_id,channel,status,occurred_at',
      ...responders.map((r) => `${ext.get(r)},email,responded,2026-11-05T10:00:00Z`),
      `${ext.get(responders[0] as string)},email,clicked,2026-11-05T10:00:00Z`,
      'NOPE-1,email,opened,2026-11-05T10:00:00Z',
      `${ext.get(holdoutMember)},email,sent,2026-11-05T10:00:00Z`,
      `${ext.get(withdrawnT)},email,opened,2026-11-05T10:00:00Z`,
      `${ext.get(responders[1] as string)},email,opened,not a date`,
    ].join('\n');
    const r = await callerAs(tdb.db, 'marketer', at(4)).campaigns.importContacts({ campaignId, csv });
    expect(r.recorded).toBe(6);
    const n = responders.length + 1;
    expect(r.rejected.map((x) => [x.line, x.reason.split(' ')[0]])).toEqual([
      [n + 1, 'invalid'],
      [n + 2, 'unknown'],
      [n + 3, 'holdout_member'],
      [n + 4, 'skipped:withdrawn'],
      [n + 5, 'occurred_at:'],
    ]);
  });

  it('results: conversions within the window after contact, holdout from launch, withdrawn never counted', async () => {
    const blocked = new Set(blockedAtLaunch());
    const treated = split.treatment.filter((t) => !blocked.has(t) && t !== withdrawnT);
    const held = split.holdout.filter((h) => !blocked.has(h) && h !== withdrawnH);
    const buy = (customerId: string, k: number, category: string, day: number, price: number) => ({
      externalId: `buy-${k}`,
      customerExternalId: ext.get(customerId) as string,
      product: `Policy ${k}`,
      category,
      price,
      purchasedAt: at(day),
    });
    const purchases = [
      ...treated.slice(0, 9).map((c, k) => buy(c, k, 'home_insurance', 10, 300 + k)),
      buy(treated[9] as string, 90, 'home_insurance', 40, 999), // after the 30-day window
      buy(treated[10] as string, 91, 'car_insurance', 10, 500), // another offer
      buy(treated[11] as string, 92, 'home_insurance', 1, 200), // before their contact (day 2)
      buy(withdrawnT, 93, 'home_insurance', 10, 700),
      buy(withdrawnH, 94, 'home_insurance', 10, 700),
      ...held.slice(0, 1).map((c, k) => buy(c, 100 + k, 'home_insurance', 12, 250)),
    ];
    await upsertPurchases(tdb.db, purchases);
    const res = await callerAs(tdb.db, 'compliance', at(20)).campaigns.results({ campaignId });
    expect(res.treatment).toMatchObject({ members: treated.length, converted: 9, responded: 6 });
    expect(res.treatment.revenue).toBe(9 * 300 + 36);
    expect(res.holdout).toMatchObject({ members: held.length, converted: 1, revenue: 250 });
    expect(res.skipped).toEqual({
      no_consent: PEOPLE.filter((p) => p.consent === 'none').length,
      refused: PEOPLE.filter((p) => p.consent === 'refused').length,
      withdrawn: 2,
    });
    expect(res.lift?.difference).toBeCloseTo(9 / treated.length - 1 / held.length, 12);
    expect(res.roi).toBeCloseTo((9 * 300 + 36 - 1200) / 1200, 12);
    expect(res.byChannel.map((c) => [c.channel, c.members, c.converted])).toEqual([
      ['email', treated.length, 9],
    ]);
    expect(res.overTime).toEqual([
      { day: '2026-11-12', treatment: 9, holdout: 0 },
      { day: '2026-11-14', treatment: 0, holdout: 1 },
    ]);
  });
});
