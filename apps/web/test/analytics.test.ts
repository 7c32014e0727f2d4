// The marketer's analytical screens: cross-tab heat map (with k suppression), surveys (NPS trend, distribution,
// verbatims), loyalty (tiers, liability, movements) and customer value tiers.

import {
  createSurvey,
  enrol,
  loyaltyProgramme,
  recordLoyaltyEvents,
  recordResponses,
  runLoyaltySchedule,
  setAnalyticsPolicy,
  setProgramme,
  upsertCustomers,
  upsertDemographics,
  upsertPurchases,
} from '@concord/node/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './harness/browser.ts';
import { type ConsoleNode, startConsoleNode } from './harness/node.ts';

let node: ConsoleNode;
let browser: Browser;
const DAY = 86_400_000;
const SEXES = ['female', 'male', 'diverse'] as const;
const INCOMES = ['lt_20k', '20k_40k', '40k_60k', '60k_100k', '100k_plus'] as const;
let expectedNps = 0;

async function seed(db: ConsoleNode['node']['db']) {
  const now = Date.now();
  const n = 120;
  await upsertCustomers(
    db,
    Array.from({ length: n }, (_, i) => ({
      externalId: `A-${i}`,
      firstName: `Ann${i}`,
      country: 'DE',
      birthDate: `${1950 + (i % 50)}-05-0${1 + (i % 9)}`,
    })),
  );
  const ids = new Map(
    (await db.selectFrom('customer').select(['id', 'external_id']).execute()).map((r) => [
      r.external_id,
      r.id,
    ]),
  );
  await upsertDemographics(
    { db, now: () => new Date() },
    Array.from({ length: n }, (_, i) => ({
      customerId: ids.get(`A-${i}`)!,
      // A few rare combinations (diverse × top income) make cells under k.
      patch: {
        sex: SEXES[i % 17 === 0 ? 2 : i % 2]!,
        incomeBand: INCOMES[i % 5]!,
        region: i % 3 ? 'North' : 'South',
      },
    })),
  );
  await upsertPurchases(
    db,
    Array.from({ length: 480 }, (_, k) => ({
      externalId: `P-${k}`,
      customerExternalId: `A-${k % n}`,
      product: ['Sedan', 'Tyres', 'Service', 'Wallbox'][k % 4]!,
      category: ['car', 'accessory', 'service', 'energy'][k % 4]!,
      supplier: ['Acme', 'Globex', 'Initech'][k % 3]!,
      brand: ['Zeta', 'Ypsilon'][k % 2]!,
      price: [24000, 800, 250, 1200][k % 4]!,
      cost: [20000, 500, null, 900][k % 4]!,
      purchasedAt: new Date(now - ((k * 13) % 700) * DAY),
    })),
  );
  const survey = await createSurvey(
    { db },
    {
      key: 'after_sale',
      name: 'After sale',
      questions: [
        { key: 'nps', kind: 'nps', label: 'Recommend?' },
        { key: 'why', kind: 'text', label: 'Why?' },
      ],
      createdBy: null,
    },
  );
  const scores = Array.from({ length: 90 }, (_, i) => (i * 7) % 11);
  const p = scores.filter((s) => s >= 9).length;
  const d = scores.filter((s) => s <= 6).length;
  expectedNps = Math.round(((p - d) * 1000) / scores.length) / 10;
  await recordResponses(
    db,
    scores.map((score, i) => ({
      externalId: `R-${i}`,
      survey,
      customerId: ids.get(`A-${i}`)!,
      respondedAt: new Date(now - ((i * 11) % 330) * DAY),
      answers: [
        { key: 'nps', kind: 'nps' as const, score },
        {
          key: 'why',
          kind: 'text' as const,
          text: score <= 6 ? 'Late delivery of the wallbox' : 'Friendly workshop staff',
        },
      ],
    })),
    null,
  );
  await setProgramme(
    { db, now: () => new Date() },
    loyaltyProgramme({ pointsPerUnit: 0.1, multipliers: { service: 3 }, goldThreshold: 2000 }),
  );
  await enrol(
    db,
    Array.from({ length: 60 }, (_, i) => ({
      customerId: ids.get(`A-${i}`)!,
      joinedAt: new Date(now - 800 * DAY),
      memberNumber: `M${i}`,
    })),
  );
  await recordLoyaltyEvents(db, [
    {
      externalId: 'L-1',
      customerId: ids.get('A-1')!,
      kind: 'redeem',
      points: -50,
      occurredAt: new Date(now - 10 * DAY),
      source: 'import',
      note: 'voucher',
    },
  ]);
  await runLoyaltySchedule({ db }, { asOf: new Date() });
}

beforeAll(async () => {
  [node, browser] = await Promise.all([
    startConsoleNode({ name: 'Harbor Motors', industry: 'automotive', key: 'analytics' }),
    launchBrowser(),
  ]);
  await seed(node.node.db);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

describe('marketer analytics journey', () => {
  it('reads a suppressed cross-tab, a cell trend, surveys, loyalty and value tiers', async () => {
    const { page, shot, close } = await openPage(browser, node.url, 'marketer-analytics');
    await signIn(page, node.users.marketer.email, node.password);
    await page.getByRole('link', { name: 'Cross-tabs' }).click();
    await page.getByLabel('Rows').selectOption('sex');
    await page.getByLabel('Columns').selectOption('income_band');
    await page.getByTestId('cross-tab').waitFor();
    const atTen = (await page.getByTestId('suppressed-count').textContent()) ?? '';
    expect(await page.locator('[data-suppressed="true"]').count()).toBeGreaterThan(0);
    expect(atTen).toMatch(/^\d+ of \d+ cells suppressed$/);
    await shot('cross-tab-sex-income');
    await page.getByTestId('cross-tab').locator('td:not([data-suppressed])').first().click();
    await page.getByRole('img', { name: /Cell trend/ }).waitFor();
    await shot('cross-tab-cell-trend');
    // The node's k is the only thing that changes: fewer cells are suppressed.
    await setAnalyticsPolicy(
      { db: node.node.db, now: () => new Date() },
      {
        patch: { minCellSize: 2 },
        actor: { id: node.users.compliance.id, email: node.users.compliance.email },
      },
    );
    await page.reload();
    await page.getByLabel('Rows').selectOption('sex');
    await page.getByLabel('Columns').selectOption('income_band');
    await page.getByTestId('cross-tab').waitFor();
    await expect.poll(async () => page.getByTestId('suppressed-count').textContent()).not.toBe(atTen);
    expect(await page.locator('[data-suppressed="true"]').count()).toBeLessThan(Number(atTen.split(' ')[0]));

    await page.getByRole('link', { name: 'Surveys' }).click();
    await page.getByRole('img', { name: 'NPS per month' }).waitFor();
    expect(await page.getByTestId('nps-value').textContent()).toBe(String(expectedNps));
    await page.getByLabel('Search verbatims').fill('late delivery');
    await page.getByTestId('verbatims').getByText('Late delivery of the wallbox').first().waitFor();
    await shot('surveys');

    await page.getByRole('link', { name: 'Loyalty' }).click();
    await page.getByRole('img', { name: 'Members by tier' }).waitFor();
    expect(await page.getByTestId('loyalty-members').textContent()).toBe('60');
    await shot('loyalty');

    await page.getByRole('link', { name: 'Customer value' }).click();
    await page.getByRole('button', { name: 'Recompute' }).click();
    await page.getByTestId('value-tiers').waitFor();
    expect(await page.getByTestId('value-tiers').textContent()).toContain('top');
    await shot('value-tiers');
    await close();
  });
});
