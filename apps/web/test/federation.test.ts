// The cross-partner journey over a real clean room and two real nodes, each serving the console:
// the insurer's compliance officer proposes, the bank's approves; the insurer's marketer builds and publishes a
// segment, matches it with the bank's and exports the cross-sell list; the bank's officer handles a withdrawal.
import { readFileSync } from 'node:fs';
import {
  bankPeople,
  insurerPeople,
  type RunningCleanroom,
  seedNode,
  startCleanroomProcess,
  startTestNode,
  type TestNode,
} from '@concord/node/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './harness/browser.ts';
import { closeInOrder, WEB_DIST } from './harness/node.ts';

const PASSWORD = 'correct horse battery staple';
const COLLABORATION = 'Bank × Insurer cross-sell';

let cleanroom: RunningCleanroom;
let bank: TestNode;
let insurer: TestNode;
let bankSegmentId: string;
let bankIds: Map<string, string>;
let browser: Browser;

beforeAll(async () => {
  const browserReady = launchBrowser();
  cleanroom = await startCleanroomProcess('web');
  [bank, insurer] = await Promise.all([
    startTestNode(cleanroom, {
      label: 'webbank',
      name: 'Northwind Bank',
      industry: 'bank',
      webDir: WEB_DIST,
    }),
    startTestNode(cleanroom, {
      label: 'webinsurer',
      name: 'Harbor Insurance',
      industry: 'insurance',
      webDir: WEB_DIST,
    }),
  ]);
  const at = new Date();
  const bankSeed = await seedNode(bank.node, bankPeople(), { recipientIndustry: 'insurance', at });
  await seedNode(insurer.node, insurerPeople(), { recipientIndustry: 'bank', at });
  bankSegmentId = bankSeed.segmentId;
  bankIds = bankSeed.ids;
  browser = await browserReady;
});
afterAll(() => closeInOrder(browser, bank, insurer, cleanroom));

describe('cross-partner journey', () => {
  it('the insurer’s compliance officer proposes a collaboration to the bank', async () => {
    const { page, shot, close } = await openPage(browser, insurer.node.url, 'federation-1-propose');
    await signIn(page, insurer.users.compliance.email, PASSWORD);
    await page.getByRole('heading', { name: 'Collaborations' }).waitFor();
    await shot('collaborations-empty');
    await page.getByRole('button', { name: 'Propose collaboration' }).click();
    await page.getByLabel('Name').fill(COLLABORATION);
    await page.getByLabel(/Northwind Bank/).check();
    await page.getByLabel('Audience overlap').uncheck();
    await page.getByLabel('Minimum group size (k)').fill('5');
    await page.getByLabel('Minimum segment size').fill('5');
    await shot('proposal-form');
    await page.getByRole('button', { name: 'Send proposal' }).click();
    const card = page.getByTestId(`collab-${COLLABORATION}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('pending');
    await shot('proposed');
    await close();
  });

  it('the bank’s compliance officer approves it from the bank’s node', async () => {
    const { page, shot, close } = await openPage(browser, bank.node.url, 'federation-2-approve');
    await signIn(page, bank.users.compliance.email, PASSWORD);
    const card = page.getByTestId(`collab-${COLLABORATION}`);
    await card.waitFor();
    await shot('proposal-received');
    await card.getByRole('button', { name: 'Approve for our company' }).click();
    await card.getByText('active', { exact: true }).waitFor();
    await shot('approved');
    await close();
    // The bank's marketer publishes its seeded segment (the API is the same one the console uses).
    const [collab] = await bank.as.marketer.collaborations.list.query();
    await bank.as.marketer.publications.publish.mutate({
      collaborationId: collab!.id,
      segmentId: bankSegmentId,
    });
  });

  it('the insurer’s marketer builds a segment, publishes it, matches it with the bank and exports the list', async () => {
    const { page, shot, close } = await openPage(browser, insurer.node.url, 'federation-3-marketer');
    await signIn(page, insurer.users.marketer.email, PASSWORD);
    await page.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('link', { name: 'New segment' }).click();
    await page.getByLabel('Name').fill('Customers in Germany');
    await page.getByRole('button', { name: 'Remove rule 1' }).click();
    await page.getByRole('button', { name: 'Lives in' }).click();
    await page.getByLabel('Field').selectOption('country');
    await page.getByLabel('Is (comma = any of)').fill('DE');
    await expect.poll(() => page.getByTestId('live-count').textContent(), { timeout: 10_000 }).toBe('29');
    await shot('segment-builder-live-count');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.getByRole('button', { name: 'Publish segment' }).click();
    await page.getByTestId('exclusion-report').waitFor();
    // 29 in the segment; persons 12 and 13 never consented, 14 withdrew.
    expect(await page.getByTestId('published-count').textContent()).toBe('26');
    const report = await page.getByTestId('exclusion-report').textContent();
    expect(report).toContain('3');
    await shot('published-exclusion-report');

    await page.getByRole('link', { name: 'Partner catalogue' }).click();
    const row = page.getByTestId('catalogue-table').getByRole('row', { name: /German customers/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Northwind Bank');
    await shot('partner-catalogue');
    await row.getByRole('link', { name: 'Match with ours' }).click();
    await page.getByRole('button', { name: 'Request match' }).click();
    await page.getByTestId('match-result').waitFor();
    const overlap = await page.getByTestId('venn-overlap').textContent();
    // 14 people overlap with consent on both sides; the count carries noise but stays well above k = 5.
    expect(Number(overlap)).toBeGreaterThanOrEqual(5);
    await shot('overlap-venn');

    await page.getByLabel('Cross-sell list').check();
    await page.getByRole('button', { name: 'Request match' }).click();
    await page.getByText(/of your customers are in the partner's segment/).waitFor();
    await shot('cross-sell-result');
    await page.getByRole('link', { name: 'Open the list' }).click();
    await page.getByTestId('list-members').waitFor();
    const members = await page.getByTestId('list-members').locator('tbody tr').count();
    expect(members).toBe(14);
    await shot('audience-list');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('external_id,first_name,last_name,email,phone');
    expect(csv).toHaveLength(15);
    expect(csv.slice(1).every((line) => line.startsWith('INS-'))).toBe(true);
    await shot('exported');
    await close();
  });

  it('the bank’s compliance officer sees every request the insurer made on the bank’s data', async () => {
    const { page, shot, close } = await openPage(browser, bank.node.url, 'federation-3b-partner-requests');
    await signIn(page, bank.users.compliance.email, PASSWORD);
    await page.getByRole('link', { name: 'Partner requests' }).click();
    const table = page.getByTestId('partner-requests');
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Harbor Insurance');
    expect(text).toContain('Cross sell list');
    // Who asked is a partner company; the insurer's marketer is never named to the bank.
    expect(text).not.toContain(insurer.users.marketer.email);
    expect(await page.getByTestId('partner-budgets').textContent()).toContain('Harbor Insurance');
    await shot('partner-requests');
    await close();
  });

  it('the bank’s compliance officer handles a withdrawal and sees where the data went', async () => {
    const { page, shot, close } = await openPage(browser, bank.node.url, 'federation-4-withdrawal');
    await signIn(page, bank.users.compliance.email, PASSWORD);
    await page.getByRole('link', { name: 'Privacy requests' }).click();
    await page.getByLabel('Search customers').fill('BNK-20');
    await page.getByRole('button', { name: /First BNK-20/ }).click();
    await page.getByTestId('data-trail').waitFor();
    expect(await page.getByTestId('trail-publications').textContent()).toBe('1');
    await shot('data-trail');
    await page.getByRole('button', { name: 'Withdraw all consent' }).click();
    await page.getByTestId('data-trail').getByText('removed', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('trail-pending').textContent()).toBe('0');
    await shot('withdrawn-and-removed');
    expect(bankIds.get('BNK-20')).toBeDefined();

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/Chain intact/).waitFor();
    await shot('audit-verified');
    await close();
  });

  it('the insurer’s marketer sees the bank-side withdrawal on the stored list: current count and a notice', async () => {
    const { page, shot, close } = await openPage(browser, insurer.node.url, 'federation-5-list-notice');
    await signIn(page, insurer.users.marketer.email, PASSWORD);
    // INS-20 is on the list only because of BNK-20: the insurer's node pulls the removal from the clean room.
    for (let i = 0; i < 100; i++) {
      await page.goto(`${insurer.node.url}/lists`);
      await page.getByTestId('lists-table').waitFor();
      if ((await page.getByTestId('list-current').first().textContent())?.startsWith('13')) break;
      await page.waitForTimeout(200);
    }
    expect(await page.getByTestId('list-current').first().textContent()).toBe('13of 14 received');
    await shot('list-current-count');
    await page.getByTestId('lists-table').getByRole('link').first().click();
    await page.getByTestId('list-changes').waitFor();
    expect(await page.getByTestId('list-changes').textContent()).toMatch(/^1 · Partner's customer withdrew/);
    // The members table loads after the notice: wait for its rows before counting them.
    await page.getByTestId('list-members').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('list-members').locator('tbody tr').count()).toBe(13);
    await shot('list-change-notice');
    await close();
  });
});
