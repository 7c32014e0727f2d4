// The admin's journey: node health, a customer CSV with bad rows (reported per row), users and API tokens.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './harness/browser.ts';
import { type ConsoleNode, startConsoleNode } from './harness/node.ts';

let node: ConsoleNode;
let browser: Browser;

beforeAll(async () => {
  [node, browser] = await Promise.all([
    startConsoleNode({ name: 'Northwind Bank', industry: 'bank', key: 'admin' }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

// Lines 3 (no id), 5 (bad birth date) and 7 (bad country) are wrong; the other four load.
const CSV = `external_id,first_name,last_name,email,phone,country,birth_date
C-1,Anna,Schmidt,anna@example.com,+4915112345678,DE,1980-04-02
,Ben,Keller,ben@example.com,,DE,
C-3,Clara,Wolf,clara@example.com,,DE,1975-12-24
C-4,David,Brandt,david@example.com,,DE,1990-02-31
C-5,Eva,Roth,eva@example.com,,AT,
C-6,Felix,Sommer,felix@example.com,,Germany,
C-7,Greta,Vogel,greta@example.com,+4915187654321,DE,`;

describe('admin journey', () => {
  it('checks health, imports a CSV with bad rows and sees them reported, manages users and tokens', async () => {
    const { page, shot, close } = await openPage(browser, node.url, 'admin-import');
    await signIn(page, node.users.admin.email, node.password);
    await page.getByRole('heading', { name: 'Node health' }).waitFor();
    await page.getByTestId('health-database').getByText('Reachable').waitFor();
    expect(await page.getByTestId('health-cleanroom').textContent()).toContain('Not configured');
    await shot('health');

    await page.getByRole('link', { name: 'Imports' }).click();
    await page.getByLabel('What is in the file').selectOption('customers');
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await shot('file-chosen');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('import-errors').waitFor();
    expect(await page.getByTestId('import-failed').textContent()).toBe('3 rejected');
    const lines = await page.getByTestId('import-errors').locator('tbody tr td:first-child').allInnerTexts();
    expect(lines).toEqual(['3', '5', '7']);
    await shot('rows-reported');
    const history = await page.getByTestId('imports-table').locator('tbody tr').first().textContent();
    expect(history).toContain('customers.csv');
    expect(history).toContain('3 rows');

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByLabel('Email').fill('new.marketer@admin.test');
    await page.getByLabel('Initial password').fill('short');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('At least 10 characters', { exact: true }).waitFor();
    await shot('user-validation');
    await page.getByLabel('Initial password').fill('a-long-enough-password');
    await page.getByRole('button', { name: 'Create user' }).click();

    await page.getByTestId('users-table').getByText('new.marketer@admin.test').waitFor();
    await shot('user-added');

    await page.getByRole('link', { name: 'Credentials and keys' }).click();
    expect((await page.getByTestId('public-key').textContent())?.length).toBeGreaterThan(40);
    // No "acts as" picker any more: the token is the admin's own, carrying the admin role.
    expect(await page.getByLabel('Acts as').count()).toBe(0);
    await page.getByLabel('Name', { exact: true }).fill('nightly import');
    await page.getByRole('button', { name: 'Issue token' }).click();
    expect(await page.getByTestId('new-token').textContent()).toMatch(/^cct_/);
    const row = page.getByTestId('tokens-table').getByRole('row', { name: /nightly import/ });
    expect(await row.textContent()).toContain(node.users.admin.email);
    expect(await row.textContent()).toContain('admin');
    await shot('token-issued');
    await close();
  });
});
