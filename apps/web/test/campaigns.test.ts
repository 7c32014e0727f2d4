// Campaign journey over a real clean room and two real nodes serving the console: the insurer's marketer runs a
// campaign on the cross-sell list the bank enabled (holdout, contacts, a deal won from a response, results), shares
// the measurement, and the bank's marketer sees the aggregated, noisy result of the list it enabled.

import {
  type Person,
  PURPOSE_CROSS_SELL,
  type RunningCleanroom,
  seedNode,
  startCleanroomProcess,
  startTestNode,
  type TestNode,
  upsertPurchases,
} from '@concord/node/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './harness/browser.ts';
import { closeInOrder, WEB_DIST } from './harness/node.ts';

const PASSWORD = 'correct horse battery staple';
const N = 90;
const mail = (i: number) => `client${i}@example.org`;
const people = (prefix: string, n: number): Person[] =>
  Array.from({ length: n }, (_, k) => ({
    externalId: `${prefix}-${k + 1}`,
    emails: [mail(k + 1)],
    consent: 'given',
  }));

let cleanroom: RunningCleanroom;
let bank: TestNode;
let insurer: TestNode;
let browser: Browser;
let listName: string;

beforeAll(async () => {
  const browserReady = launchBrowser();
  cleanroom = await startCleanroomProcess('webcamp');
  [bank, insurer] = await Promise.all([
    startTestNode(cleanroom, { label: 'wcbank', name: 'Northwind Bank', industry: 'bank', webDir: WEB_DIST }),
    startTestNode(cleanroom, {
      label: 'wcins',
      name: 'Harbor Insurance',
      industry: 'insurance',
      webDir: WEB_DIST,
    }),
  ]);
  const at = new Date();
  const b = await seedNode(bank.node, people('BNK', N), { recipientIndustry: 'insurance', at });
  const i = await seedNode(insurer.node, people('INS', N + 20), { recipientIndustry: 'bank', at });
  const c = await insurer.as.compliance.collaborations.propose.mutate({
    name: 'Bank × Insurer home cover',
    partnerIds: [bank.partnerId],
    purposes: [PURPOSE_CROSS_SELL],
    policy: {
      kMin: 5,
      crossSellLists: true,
      referralLists: false,
      epsilonBudget: 6,
      epsilonPerQuery: 2,
      minSegmentSize: 5,
      measurement: true,
    },
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
  });
  await bank.as.compliance.collaborations.approve.mutate({ collaborationId: c.id });
  const ip = await insurer.as.marketer.publications.publish.mutate({
    collaborationId: c.id,
    segmentId: i.segmentId,
  });
  const bp = await bank.as.marketer.publications.publish.mutate({
    collaborationId: c.id,
    segmentId: b.segmentId,
  });
  await insurer.as.marketer.matches.request.mutate({
    collaborationId: c.id,
    kind: 'cross_sell_list',
    purpose: PURPOSE_CROSS_SELL,
    publicationId: ip.publicationId,
    partnerPublicationIds: [bp.cleanroomPublicationId],
  });
  listName = (await insurer.as.marketer.lists.list.query())[0]?.name as string;
  // A year of sales history and an open opportunity, so the forecast has a trend and a pipeline to show.
  const month = (back: number) => {
    const d = new Date();
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 12));
  };
  await upsertPurchases(
    insurer.node.db,
    Array.from({ length: 12 }, (_, k) => ({
      externalId: `hist-${k}`,
      customerExternalId: `INS-${100 + (k % 10)}`,
      product: 'Car cover',
      category: 'car_insurance',
      price: 4000 + 350 * (12 - k) + (k % 3) * 600,
      purchasedAt: month(k + 1),
    })),
  );
  const ids = await insurer.as.marketer.customers.list.query({ search: 'INS-105' });
  await insurer.as.marketer.deals.create.mutate({
    title: 'Fleet insurance',
    customerId: ids.items[0]?.id as string,
    amount: 9000,
    probability: 40,
    expectedClose: month(-2).toISOString().slice(0, 10),
  });
  browser = await browserReady;
}, 240_000);
afterAll(() => closeInOrder(browser, bank, insurer, cleanroom));

let campaignId: string;

async function members() {
  return insurer.as.marketer.campaigns.members.query({ campaignId, limit: 1000 });
}

async function openCampaign(page: Page) {
  await page.goto(`/campaigns/${campaignId}`);
  await page.getByRole('heading', { name: 'Home cover for bank clients' }).waitFor();
}

describe('campaign journey', () => {
  it('the insurer’s marketer creates a campaign on the received list and launches it', async () => {
    const { page, shot, close } = await openPage(browser, insurer.node.url, 'campaigns-1-create');
    await signIn(page, insurer.users.marketer.email, PASSWORD);
    await page.getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('button', { name: 'New campaign' }).click();
    await page.getByLabel('Name').fill('Home cover for bank clients');
    await page.getByLabel('Audience').selectOption({ label: `Partner list · ${listName} (${N})` });
    await page.getByLabel('phone').check();
    await page.getByLabel('Offer category').fill('home_insurance');
    await page.getByLabel('Holdout (%)').fill('20');
    await page.getByLabel('Cost (EUR)').fill('1500');
    await shot('new-campaign');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('button', { name: 'Launch' }).click();
    await page.getByTestId('members-table').waitFor();
    campaignId = page.url().split('/').pop() as string;
    const m = await members();
    expect(m.filter((x) => x.group === 'holdout')).toHaveLength(18);
    await shot('launched');
    await close();
  });

  it('contact results are imported, a response becomes a deal, and the deal is won on the board', async () => {
    const m = await members();
    const treated = m.filter((x) => x.group === 'treatment');
    const held = m.filter((x) => x.group === 'holdout');
    const when = new Date().toISOString();
    const csv = [
      'customer_external_id,channel,status,occurred_at',
      ...treated.map((t) => `${t.externalId},email,sent,${when}`),
      ...treated.slice(0, 12).map((t) => `${t.externalId},email,responded,${when}`),
      `${held[0]?.externalId},email,sent,${when}`,
    ].join('\n');
    const soon = new Date(Date.now() + 86_400_000);
    await upsertPurchases(insurer.node.db, [
      ...treated.slice(1, 24).map((t, k) => ({
        externalId: `hc-${k}`,
        customerExternalId: t.externalId,
        product: 'Home cover',
        category: 'home_insurance',
        price: 420 + k * 10,
        purchasedAt: soon,
      })),
      ...held.slice(0, 2).map((h, k) => ({
        externalId: `hh-${k}`,
        customerExternalId: h.externalId,
        product: 'Home cover',
        category: 'home_insurance',
        price: 420,
        purchasedAt: soon,
      })),
    ]);
    const { page, shot, close } = await openPage(browser, insurer.node.url, 'campaigns-2-contacts-deals');
    await signIn(page, insurer.users.marketer.email, PASSWORD);
    await openCampaign(page);
    await page.getByLabel('Contact results (CSV)').fill(csv);
    await page.getByRole('button', { name: 'Import results' }).click();
    const report = page.getByTestId('contact-report');
    await report.waitFor();
    expect(await report.textContent()).toContain(`Recorded ${treated.length + 12}, rejected 1`);
    expect(await report.textContent()).toContain('holdout_member');
    await shot('contacts-imported');
    const first = page
      .getByTestId('members-table')
      .getByRole('row', { name: new RegExp(`${treated[0]?.externalId}\\b`) });
    await first.getByRole('button', { name: 'Create deal' }).click();
    await page.getByText(/Deal “.*” created/).waitFor();
    await page.getByRole('link', { name: 'Deals' }).click();
    const qualified = page.getByTestId('stage-qualified');
    await qualified.getByRole('article').first().waitFor();
    await shot('deals-board');
    for (const next of ['→ proposal', '→ negotiation', '→ won']) {
      await page.getByRole('button', { name: next }).click();
      await page.waitForLoadState('networkidle');
    }
    await page.getByTestId('stage-won').getByRole('article').first().waitFor();
    await shot('deal-won');
    await close();
  });

  it('the results show lift over the holdout; the insurer shares the measurement', async () => {
    const { page, shot, close } = await openPage(browser, insurer.node.url, 'campaigns-3-results');
    await signIn(page, insurer.users.marketer.email, PASSWORD);
    await openCampaign(page);
    const treated = (await members()).filter((x) => x.group === 'treatment').length;
    // 23 purchases + the won deal (a purchase too) among the treated; 2 in the holdout.
    await expect
      .poll(() => page.getByTestId('treatment-rate').textContent())
      .toBe(`${((24 / treated) * 100).toFixed(1)}%`);
    expect(await page.getByTestId('lift').textContent()).toMatch(/^\+\d/);
    await shot('results');
    await page.getByRole('button', { name: 'Share results with partner' }).click();
    await page.getByText(/Shared with the partner: 26 conversions/).waitFor();
    await page.getByRole('link', { name: 'Results' }).click();
    await page.getByText('Our campaigns · Bank × Insurer home cover').waitFor();
    await shot('collaboration-results');
    await close();
  });

  it('the bank sees aggregated, noisy conversions for the list it enabled — and its budget charged', async () => {
    const { page, shot, close } = await openPage(browser, bank.node.url, 'campaigns-4-partner-view');
    await signIn(page, bank.users.marketer.email, PASSWORD);
    await page.getByRole('link', { name: 'Results' }).click();
    await page.getByTestId('partner-measurement').waitFor();
    await shot('partner-list');
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.getByTestId('budget').waitFor();
    expect(await page.getByTestId('budget').textContent()).toContain('ε charged 2 · ε left 4');
    const conversions = Number(await page.getByTestId('partner-conversions').textContent());
    expect(Math.abs(conversions - 24)).toBeLessThanOrEqual(30);
    const text = (await page.textContent('body')) ?? '';
    expect(text).not.toMatch(/INS-\d+|BNK-\d+|@example\.org/);
    await shot('partner-results');
    await close();
  });
});
