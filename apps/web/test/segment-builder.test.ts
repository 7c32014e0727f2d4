// Journey: a marketer builds a nested segment with pickers fed from the node's data — "bought Car AND (tier gold OR
// contacted by phone)" — reads the live count and the sample of members, fixes a field-level message, and saves it.
// Part of it is done with the keyboard only. A screenshot per step (artifacts/segment-builder/).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './harness/browser.ts';
import { type ConsoleNode, startConsoleNode } from './harness/node.ts';
import { seedScreens } from './harness/screens.ts';

let node: ConsoleNode;
let browser: Browser;

beforeAll(async () => {
  [node, browser] = await Promise.all([
    startConsoleNode({ name: 'Harbor Insurance', industry: 'insurance', key: 'segbuild' }),
    launchBrowser(),
  ]);
  await seedScreens(node);
});
afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

describe('segment builder journey', () => {
  it('builds a nested segment with pickers, previews members and saves it', async () => {
    const { page, shot, close, cspViolations } = await openPage(browser, node.url, 'segment-builder');
    await signIn(page, node.users.marketer.email, node.password);
    await page.goto('/segments/new');
    const top = page.getByRole('group', { name: 'Top group' });
    const rule1 = page.getByRole('group', { name: 'Rule 1: Bought' });
    await rule1.waitFor();
    await shot('new-segment');

    // Rule 1: bought in category Car — chosen from the categories this node actually has.
    await rule1.getByLabel('Category').selectOption('Car');
    await rule1.getByRole('button', { name: 'Remove Car' }).waitFor();
    await page.getByTestId('live-count').filter({ hasText: /^\d+$/ }).waitFor();
    const carOnly = Number(await page.getByTestId('live-count').textContent());
    expect(carOnly).toBe(12);
    await shot('category-picked');

    // A nested "any of" group, added with the keyboard only.
    await top.getByRole('button', { name: 'Group', exact: true }).last().focus();
    await page.keyboard.press('Enter');
    const group = page.getByRole('group', { name: 'Group 2' });
    await group.waitFor();
    await group.getByRole('button', { name: 'Attribute', exact: true }).focus();
    await page.keyboard.press('Enter');
    const attr = page.getByRole('group', { name: 'Rule 2.1: Attribute' });
    // Unfinished: the message sits beside the field it is about, in words.
    await attr.locator('.field-error', { hasText: 'Choose an attribute' }).waitFor();
    expect(await page.getByRole('alert').first().textContent()).toContain('Rule 2.1: choose an attribute');
    await shot('field-level-message');

    await attr.getByLabel('Attribute').focus();
    await attr.getByLabel('Attribute').selectOption('tier');
    await attr.getByLabel('Value').selectOption('gold');
    await group.getByRole('button', { name: 'Was contacted', exact: true }).click();
    const contact = page.getByRole('group', { name: 'Rule 2.2: Was contacted' });
    await contact.getByLabel('Channel').selectOption('phone');
    await shot('nested-group-with-pickers');

    // Car buyers who are gold (S-1, S-4, S-7, S-10) or were called (S-1): four customers.
    await page.getByTestId('live-count').filter({ hasText: /^4$/ }).waitFor();
    const sample = page.getByTestId('preview-sample');
    await sample.waitFor();
    expect(await sample.getByRole('link').count()).toBe(4);
    expect(await sample.textContent()).toContain('S-1');
    await shot('preview-with-sample');

    await page.getByLabel('Name').fill('Car buyers: gold or called');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.getByRole('heading', { name: 'Car buyers: gold or called' }).waitFor();
    // Reopened from the server, the nested tree reads back into the builder as built.
    await page.reload();
    await page.getByRole('group', { name: 'Rule 2.2: Was contacted' }).waitFor();
    // The count is fetched after the reload: wait for it (a wrong count never shows up and fails the wait).
    await page.getByTestId('live-count').filter({ hasText: /^4$/ }).waitFor();
    expect(await page.getByTestId('live-count').filter({ hasText: /^4$/ }).count()).toBe(1);
    await shot('saved-and-reopened');

    await page.getByRole('link', { name: 'Segments' }).first().click();
    await page
      .getByText('bought Car in 365 days and (tier eq gold or contacted by phone in 90 days)')
      .waitFor();
    await shot('segments-list');
    expect(cspViolations).toEqual([]);
    await close();
  });
});
