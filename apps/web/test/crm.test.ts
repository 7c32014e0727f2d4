// The marketer's own CRM: find a customer, read their timeline and consents, plan a follow-up, read the analytics.

import { upsertCustomers, upsertInteractions, upsertPurchases } from '@concord/node/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './harness/browser.ts';
import { type ConsoleNode, startConsoleNode } from './harness/node.ts';

let node: ConsoleNode;
let browser: Browser;

const CATEGORIES = ['Car', 'Home', 'Travel', 'Life'];
const DAY = 86_400_000;

/** 40 customers with a year of purchases, a few service cases and contacts; deterministic. */
async function seed(db: ConsoleNode['node']['db']) {
  const now = Date.now();
  await upsertCustomers(
    db,
    Array.from({ length: 40 }, (_, i) => ({
      externalId: `C-${i + 1}`,
      firstName: ['Anna', 'Ben', 'Clara', 'David', 'Eva'][i % 5]!,
      lastName: ['Schmidt', 'Keller', 'Wolf', 'Brandt', 'Roth', 'Vogel', 'Sommer', 'Fischer'][i % 8]!,
      city: i % 3 === 0 ? 'Hamburg' : 'Berlin',
      country: 'DE',
      emails: [`customer${i + 1}@example.com`],
      phones: [],
    })),
  );
  await upsertPurchases(
    db,
    Array.from({ length: 160 }, (_, k) => ({
      externalId: `P-${k + 1}`,
      customerExternalId: `C-${(k % 40) + 1}`,
      product: `${CATEGORIES[k % 4]} policy ${['Basic', 'Plus', 'Premium'][k % 3]}`,
      category: CATEGORIES[k % 4]!,
      price: [89, 240, 680, 1450, 3200][k % 5]!,
      purchasedAt: new Date(now - ((k * 37) % 360) * DAY),
    })),
  );
  await upsertInteractions(db, [
    {
      externalId: 'S-1',
      customerExternalId: 'C-1',
      kind: 'service_case',
      occurredAt: new Date(now - 20 * DAY),
      closedAt: new Date(now - 18 * DAY),
      product: 'Car policy Plus',
      outcome: 'claim paid',
      summary: 'Windscreen damage',
    },
    {
      externalId: 'K-1',
      customerExternalId: 'C-1',
      kind: 'contact',
      occurredAt: new Date(now - 5 * DAY),
      channel: 'phone',
      direction: 'inbound',
      summary: 'Asked about travel cover',
    },
  ]);
}

beforeAll(async () => {
  [node, browser] = await Promise.all([
    startConsoleNode({ name: 'Harbor Insurance', industry: 'insurance', key: 'crm' }),
    launchBrowser(),
  ]);
  await seed(node.node.db);
});
afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

describe('marketer CRM journey', () => {
  it('searches a customer, reads the timeline, plans a follow-up and reads the analytics', async () => {
    const { page, shot, close } = await openPage(browser, node.url, 'marketer-crm');
    await signIn(page, node.users.marketer.email, node.password);
    await page.getByTestId('customers-table').waitFor();
    await shot('customers');
    await page.getByLabel('Search customers').fill('customer1@example.com');
    await page.getByTestId('customers-table').getByRole('link', { name: 'Anna Schmidt' }).click();
    await page.getByTestId('timeline').waitFor();
    const timeline = (await page.getByTestId('timeline').textContent()) ?? '';
    expect(timeline).toContain('Windscreen damage');
    expect(timeline).toContain('Asked about travel cover');
    expect(await page.getByTestId('consents').textContent()).toContain('not asked');
    await page.getByLabel('Note', { exact: true }).fill('Offer travel cover');
    await page.getByRole('button', { name: 'Plan follow-up' }).click();
    await page.getByTestId('timeline').getByText('Offer travel cover').waitFor();
    await shot('customer-timeline');

    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('img', { name: 'Revenue by category' }).waitFor();
    await page.getByRole('img', { name: 'RFM grid' }).waitFor();
    await shot('analytics');
    await close();
  });
});
