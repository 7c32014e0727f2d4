// Issue 16 journeys: a marketer sorts, filters, pages and saves a view of the customer table, and comes back to it
// by URL (Back, reload, the view's link); an administrator imports a file through a column mapping and downloads
// the rejected rows. Real Chromium, a screenshot per step (apps/web/artifacts/<journey>/).
import { readFileSync } from 'node:fs';
import { upsertCustomers } from '@concord/node/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './harness/browser.ts';
import { type ConsoleNode, startConsoleNode } from './harness/node.ts';

let node: ConsoleNode;
let browser: Browser;

const CITIES = ['Berlin', 'Graz', 'Hamburg', 'Linz', 'Wien', 'Zürich'];
const COUNTRY: Record<string, string> = {
  Berlin: 'DE',
  Graz: 'AT',
  Hamburg: 'DE',
  Linz: 'AT',
  Wien: 'AT',
  Zürich: 'CH',
};
const SEED = Array.from({ length: 130 }, (_, i) => {
  const city = CITIES[i % CITIES.length]!;
  return {
    externalId: `K-${String(i + 1).padStart(3, '0')}`,
    firstName: ['Anna', 'Ben', 'Clara', 'David', 'Eva'][i % 5]!,
    lastName: ['Huber', 'Gruber', 'Bauer', 'Wagner', 'Pichler', 'Moser', 'Steiner'][i % 7]!,
    city,
    country: COUNTRY[city]!,
    emails: [`k${i + 1}@example.com`],
    phones: [],
  };
});
const AUSTRIANS = SEED.filter((s) => s.country === 'AT');

beforeAll(async () => {
  [node, browser] = await Promise.all([
    startConsoleNode({ name: 'Alpen Versicherung', industry: 'insurance', key: 'tables' }),
    launchBrowser(),
  ]);
  await upsertCustomers(node.node.db, SEED);
});
afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

const params = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);
const column = (page: Page, n: number) =>
  page.getByTestId('customers-table').locator(`tbody tr td:nth-child(${n})`).allInnerTexts();
const range = (page: Page) => page.getByTestId('pager-range').textContent();

describe('customer table journey', () => {
  it('sorts, filters, pages, saves a view and gets it back by Back, reload and its link', async () => {
    const { page, shot, close, cspViolations } = await openPage(browser, node.url, 'customer-table');
    await signIn(page, node.users.marketer.email, node.password);
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByTestId('customers-table').waitFor();
    expect(await range(page)).toBe('1–25 of 130 customers');
    await shot('all-customers');

    await page.getByTestId('sort-city').click();
    await page.getByTestId('sort-city').click();
    await page.waitForURL(/dir=desc/);
    expect(params(page)).toMatchObject({ sort: 'city', dir: 'desc' });
    expect(new Set(await column(page, 5))).toEqual(new Set(['Zürich', 'Wien']));
    await shot('sorted-by-city-desc');

    await page.getByLabel('Country').fill('AT');
    await page.getByLabel('Country').press('Enter');
    await page.waitForURL(/f\.country=AT/);
    await expect.poll(() => range(page)).toBe(`1–25 of ${AUSTRIANS.length} customers`);
    await shot('filtered-austria');

    await page.getByLabel('Page', { exact: true }).fill('2');
    await page.getByLabel('Page', { exact: true }).press('Enter');
    await expect.poll(() => range(page)).toBe(`26–50 of ${AUSTRIANS.length} customers`);
    // Page 2 of the Austrians by city descending (Wien, then Linz, then Graz), as the test computes it.
    const want = AUSTRIANS.map((s) => s.city).sort((a, b) => b.localeCompare(a));
    expect(await column(page, 5)).toEqual(want.slice(25, 50));
    await shot('page-2');

    await page.getByRole('button', { name: 'Save view…' }).click();
    await page.getByLabel('Name of the view').fill('Austria by city');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/view=/);
    const viewId = params(page).view!;
    expect(params(page)).toMatchObject({ sort: 'city', dir: 'desc', 'f.country': 'AT' });
    await shot('view-saved');

    // Leave, then Back: the table comes back exactly as it was.
    const saved = page.url();
    await page.getByRole('link', { name: 'Segments' }).click();
    await page.waitForURL(/\/segments/);
    await page.goBack();
    await page.getByTestId('customers-table').waitFor();
    expect(page.url()).toBe(saved);
    expect(await page.getByLabel('View').inputValue()).toBe(viewId);
    await shot('back');

    await page.reload();
    await page.getByTestId('customers-table').waitFor();
    await expect.poll(() => range(page)).toBe(`1–25 of ${AUSTRIANS.length} customers`);
    expect(await page.getByLabel('Country').inputValue()).toBe('AT');
    await shot('reloaded');

    // The view's own link (a bookmark): only ?view=<id>.
    await page.goto(`/customers?view=${viewId}`);
    await page.waitForURL(/f\.country=AT/);
    await expect.poll(() => range(page)).toBe(`1–25 of ${AUSTRIANS.length} customers`);
    await shot('opened-by-view-link');

    // Back to everyone, then pick the view from the list.
    await page.getByLabel('View').selectOption('');
    await expect.poll(() => range(page)).toBe('1–25 of 130 customers');
    await page.getByLabel('View').selectOption({ label: 'Austria by city' });
    await expect.poll(() => range(page)).toBe(`1–25 of ${AUSTRIANS.length} customers`);

    // Bulk: select two rows and export them.
    const rows = page.getByTestId('customers-table').locator('tbody tr');
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await page.getByTestId('bulk-bar').waitFor();
    await shot('two-selected');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('external_id,first_name,last_name,email,phone,city,country');
    expect(csv).toHaveLength(3);
    expect(cspViolations).toEqual([]);
    await close();
  });
});

const IMPORT_CSV = [
  'Kundennummer,Vorname,Nachname,Mail,Land,Bemerkung',
  'N-1,Lena,Huber,lena@example.com,AT,x',
  ',Max,Gruber,max@example.com,AT,missing number',
  'N-3,"Sophie',
  'Marie",Bauer,sophie@example.com,AT,two-line name',
  'N-4,Paul,Wagner,paul@example.com,Austria,bad country',
  'N-5,Emma',
  'N-6,Jonas,Moser,jonas@example.com,DE,',
].join('\n');
// Lines counted by hand from the file above (the header is line 1; N-3's quoted name spans lines 4–5).
const REJECTED = [
  'line,column,reason',
  '3,Kundennummer,missing external_id',
  '6,Land,"invalid country ""Austria"" (expected ISO 3166-1 alpha-2, e.g. DE)"',
  '7,,"expected 6 columns, found 2"',
];

describe('mapped import journey', () => {
  it('maps the columns, saves a template, shows progress and downloads the rejected rows', async () => {
    const { page, shot, close } = await openPage(browser, node.url, 'mapped-import');
    await signIn(page, node.users.admin.email, node.password);
    await page.getByRole('link', { name: 'Imports' }).click();
    await page.getByLabel('What is in the file').selectOption('customers');
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'crm-export.csv', mimeType: 'text/csv', buffer: Buffer.from(IMPORT_CSV) });
    await page.getByTestId('column-mapping').waitFor();
    await page.getByTestId('mapping-missing').waitFor();
    await shot('file-chosen-unmapped');

    const map = (col: string, target: string) =>
      page.getByLabel(`Import column ${col} as`).selectOption(target);
    await map('Kundennummer', 'external_id');
    await map('Vorname', 'first_name');
    await map('Nachname', 'last_name');
    await map('Mail', 'email');
    await map('Land', 'country');
    await map('Bemerkung', '');
    expect(await page.getByTestId('mapping-missing').count()).toBe(0);
    await page.getByLabel('Save this mapping as').fill('CRM export');
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Saved.').waitFor();
    await shot('mapped-and-template-saved');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-errors').waitFor();
    expect(await page.getByTestId('import-failed').textContent()).toBe('3 rejected');
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    // Nothing floats over the rejected rows' header.
    const head = await page.getByTestId('import-errors').locator('thead').boundingBox();
    for (const toast of await page.locator('.toast').all()) {
      const box = await toast.boundingBox();
      if (head && box) {
        const overlaps =
          box.x < head.x + head.width &&
          head.x < box.x + box.width &&
          box.y < head.y + head.height &&
          head.y < box.y + box.height;
        expect(overlaps).toBe(false);
      }
    }
    await shot('imported');
    // The recent imports table sorts in the browser, its state in the URL like every table.
    await page.getByTestId('sort-rejected').click();
    await page.waitForURL(/sort=rejected/);
    expect(await page.getByTestId('imports-table').locator('th[aria-sort]').textContent()).toContain(
      'Rejected',
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-rejected').click(),
    ]);
    expect(download.suggestedFilename()).toBe('crm-export-rejected-rows.csv');
    expect(
      readFileSync((await download.path())!, 'utf8')
        .trim()
        .split('\r\n'),
    ).toEqual(REJECTED);
    const lena = await node.node.db
      .selectFrom('customer')
      .select(['first_name', 'country', 'attributes'])
      .where('external_id', '=', 'N-1')
      .executeTakeFirstOrThrow();
    expect(lena).toMatchObject({ first_name: 'Lena', country: 'AT', attributes: {} });

    // The template applies to the next file with the same columns.
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'again.csv', mimeType: 'text/csv', buffer: Buffer.from(IMPORT_CSV) });
    await page.getByLabel('Template').selectOption({ label: 'CRM export' });
    expect(await page.getByLabel('Import column Kundennummer as').inputValue()).toBe('external_id');
    expect(await page.getByLabel('Import column Bemerkung as').inputValue()).toBe('');
    await shot('template-applied');
    await close();
  });
});
