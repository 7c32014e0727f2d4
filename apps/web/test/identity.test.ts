// Identity in the console (issue 13): search by folded name and any phone format, phones shown in international
// format, an invalid identifier visible with its reason and fixed in place, duplicates merged by an admin.

import { flagDuplicates, upsertCustomers } from '@concord/node/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './harness/browser.ts';
import { type ConsoleNode, startConsoleNode } from './harness/node.ts';

let node: ConsoleNode;
let browser: Browser;

beforeAll(async () => {
  [node, browser] = await Promise.all([
    startConsoleNode({ name: 'Harbor Insurance', industry: 'insurance', key: 'identity' }),
    launchBrowser(),
  ]);
  await upsertCustomers(
    node.node.db,
    [
      {
        externalId: 'M-1',
        firstName: 'Jürgen',
        lastName: 'Müller',
        country: 'DE',
        emails: ['jm@example.de'],
        phones: ['030 901820'],
      },
      {
        externalId: 'B-1',
        firstName: 'Jānis',
        lastName: 'Bērziņš',
        country: 'LV',
        emails: ['janis@inbox.lv'],
        phones: ['(312) 585-36'],
      },
      {
        externalId: 'D-1',
        firstName: 'Karl',
        lastName: 'Wagner',
        country: 'US',
        emails: ['karl@example.com'],
        phones: ['(312) 585-3624'],
      },
      {
        externalId: 'D-2',
        firstName: 'Karl',
        lastName: 'Wagner',
        country: 'US',
        emails: ['KARL@example.com'],
      },
    ],
    { defaultRegion: 'DE' },
  );
  await flagDuplicates(node.node.db);
});
afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

describe('identity in the console', () => {
  it('finds people by folded name and phone, shows and fixes an invalid phone, merges duplicates', async () => {
    const { page, shot, close } = await openPage(browser, node.url, 'admin-identity');
    await signIn(page, node.users.admin.email, node.password);
    await page.goto(`${node.url}/customers`);
    const search = page.getByLabel('Search customers');
    await search.fill('muller jurgen');
    await page.getByTestId('customers-table').getByRole('link', { name: 'Jürgen Müller' }).waitFor();
    expect(await page.getByTestId('customers-table').textContent()).toContain('+49 30 901820');
    await shot('search-folded-name');
    await search.fill('+1 312-585-3624');
    // Both Karl Wagner records are in the node (D-2 is D-1's duplicate); the one with this phone must be listed.
    await page
      .getByTestId('customers-table')
      .getByText(/\+1 312\D?585\D?3624/)
      .waitFor();
    await page.getByTestId('customers-table').getByRole('link', { name: 'Karl Wagner' }).first().waitFor();
    await shot('search-phone');

    await search.fill('Berzins');
    await page.getByTestId('customers-table').getByRole('link', { name: 'Jānis Bērziņš' }).click();
    const phone = page.getByTestId('identifier-phone-0');
    await phone.getByText('invalid').waitFor();
    expect(await phone.textContent()).toContain('(312) 585-36');
    await shot('invalid-phone');
    await phone.getByRole('button', { name: 'Fix' }).click();
    await phone.getByLabel('Fix phone').fill('+371 21 234 567');
    await phone.getByRole('button', { name: 'Save' }).click();
    await phone.getByText('valid', { exact: true }).waitFor();
    expect(await phone.textContent()).toContain('+371 21 234 567');
    await shot('phone-fixed');

    await page.getByRole('link', { name: 'Duplicates' }).click();
    const table = page.getByTestId('duplicates-table');
    await table.waitFor();
    expect(await table.textContent()).toContain('email karl@example.com');
    await shot('duplicates');
    page.once('dialog', (d) => d.accept());
    await table.getByRole('button', { name: 'Merge' }).click();
    await page.getByText('No probable duplicates').waitFor();
    await shot('merged');
    const merged = await node.node.db
      .selectFrom('customer')
      .select(['external_id', 'merged_into'])
      .where('merged_into', 'is not', null)
      .execute();
    expect(merged).toHaveLength(1);
    await close();
  });
});
