// Sign-in, role-aware navigation from CASL rules, and the marketer's boundaries: no compliance or admin screens
// in the browser, and FORBIDDEN from their procedures over HTTP. One node serves all of it.

import { appRouter, createUser, upsertCustomers } from '@concord/node/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './harness/browser.ts';
import { type ConsoleNode, startConsoleNode } from './harness/node.ts';

const COMPLIANCE_SCREENS = [
  '/compliance/collaborations',
  '/compliance/rules',
  '/compliance/notices',
  '/compliance/consent',
  '/compliance/privacy',
  '/compliance/partner-requests',
  '/compliance/audit',
];
const ADMIN_SCREENS = ['/admin/health', '/admin/imports', '/admin/users', '/admin/credentials'];

/** Whole namespaces that belong to compliance or admin, plus the single procedures their screens use. */
const FORBIDDEN_NAMESPACES = ['users', 'audit', 'privacy', 'imports'];
const FORBIDDEN_PROCEDURES = [
  'rules.set',
  'notices.publish',
  'consent.import',
  'consent.record',
  'collaborations.propose',
  'collaborations.approve',
  'collaborations.change',
  'customers.create',
  'customers.update',
  'customers.delete',
];

// The flat map of every procedure the node serves, keyed by dotted path.
const procedures: Record<string, unknown> = appRouter._def.procedures;
const typeOf = (path: string) => (procedures[path] as { _def: { type: 'query' | 'mutation' } })._def.type;
// Every role manages its own API tokens (row-scoped on the server: test/auth/credential-matrix.test.ts).
const OWN_TOKEN_PROCEDURES = ['users.listTokens', 'users.createToken', 'users.revokeToken'];
const forbidden = Object.keys(procedures)
  .filter((p) => FORBIDDEN_NAMESPACES.includes(p.split('.')[0]!) || FORBIDDEN_PROCEDURES.includes(p))
  .filter((p) => !OWN_TOKEN_PROCEDURES.includes(p))
  .sort();

let node: ConsoleNode;
let browser: Browser;

beforeAll(async () => {
  [node, browser] = await Promise.all([
    startConsoleNode({ name: 'Harbor Insurance', industry: 'insurance', key: 'shell' }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

async function navLabels(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
}

describe('console shell', () => {
  it('rejects a wrong password with a clear message, then signs in', async () => {
    const { page, shot, close } = await openPage(browser, node.url, 'shell-login');
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot('login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter the email address you sign in with').waitFor();
    await shot('validation');
    await page.getByLabel('Email').fill(node.users.marketer.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong email or password').waitFor();
    await shot('wrong-password');
    await page.getByLabel('Password').fill(node.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('user-role').waitFor();
    await expect(page.getByTestId('node-name').textContent()).resolves.toBe('Harbor Insurance · Insurer');
    await shot('signed-in');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await close();
  });

  it('builds the navigation from each role’s CASL rules', async () => {
    const seen: Record<string, string[]> = {};
    for (const role of ['marketer', 'compliance', 'admin'] as const) {
      const { page, shot, close } = await openPage(browser, node.url, `shell-${role}`);
      await signIn(page, node.users[role].email, node.password);
      seen[role] = await navLabels(page);
      await shot('home');
      await close();
    }
    expect(seen.marketer).toContain('Customers');
    expect(seen.marketer).toContain('Segments');
    expect(seen.marketer).not.toContain('Audit log');
    expect(seen.marketer).not.toContain('Users');
    expect(seen.compliance).toContain('Audit log');
    expect(seen.compliance).toContain('Consent rules');
    expect(seen.compliance).not.toContain('Users');
    expect(seen.admin).toContain('Users');
    expect(seen.admin).toContain('Imports');
    expect(seen.admin).not.toContain('Audit log');
    for (const role of ['marketer', 'compliance', 'admin'] as const) {
      expect(seen[role]).toContain('My API tokens');
      expect(seen[role]).toContain('My account');
    }
  });

  it('lets the compliance officer issue a token for herself only, labelled with her role', async () => {
    const { page, shot, close } = await openPage(browser, node.url, 'compliance-own-token');
    await signIn(page, node.users.compliance.email, node.password);
    await page.getByRole('link', { name: 'My API tokens' }).click();
    expect(await page.getByLabel('Acts as').count()).toBe(0);
    await page.getByLabel('Name', { exact: true }).fill('dpo audit export');
    await page.getByRole('button', { name: 'Issue token' }).click();
    expect(await page.getByTestId('new-token').textContent()).toMatch(/^cct_/);
    const row = page.getByTestId('tokens-table').getByRole('row', { name: /dpo audit export/ });
    expect(await row.textContent()).toContain('compliance');
    expect(await row.textContent()).toContain('API token');
    await shot('token-issued');
    await close();
  });
});

describe('my account', () => {
  it('lets a marketer change her own password, sign out and sign in with the new one', async () => {
    const mara = await createUser(
      { db: node.node.db },
      {
        email: 'mara@shell.test',
        role: 'marketer',
        password: node.password,
      },
    );
    const { page, shot, close } = await openPage(browser, node.url, 'marketer-own-password');
    await signIn(page, mara.email, node.password);
    await page.getByRole('link', { name: 'My account' }).click();
    await page.getByRole('heading', { name: 'Change your password' }).waitFor();
    await shot('my-account');
    const change = page.getByRole('button', { name: 'Change password' });
    await change.click();
    await page.getByText('Enter your current password').waitFor();
    await page.getByText('At least 10 characters', { exact: true }).waitFor();
    await shot('empty-fields');
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('quiet harbour lantern');
    await change.click();
    await page.getByText('The current password is wrong', { exact: true }).waitFor();
    await shot('wrong-current-password');
    await page.getByLabel('Current password').fill(node.password);
    await page.getByLabel('New password').fill('mara-on-duty');
    await change.click();
    await page.getByText('Password contains the email address', { exact: true }).waitFor();
    await shot('new-password-refused');
    await page.getByLabel('New password').fill('quiet harbour lantern');
    await change.click();
    // The change ends every session, this one included: back to sign-in.
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shot('signed-out');
    await page.getByLabel('Email').fill(mara.email);
    await page.getByLabel('Password').fill(node.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong email or password').waitFor();
    await shot('old-password-refused');
    await signIn(page, mara.email, 'quiet harbour lantern');
    expect(await page.getByTestId('user-role').textContent()).toMatch(/marketer/i);
    await shot('signed-in-with-new-password');
    await close();
  });
});

describe('marketer access', () => {
  it('shows no compliance or admin navigation, and refuses those screens by address', async () => {
    const { page, shot, close } = await openPage(browser, node.url, 'marketer-forbidden');
    await signIn(page, node.users.marketer.email, node.password);
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
    expect(nav).toEqual([
      'Customers',
      'Segments',
      'Analytics',
      'Cross-tabs',
      'Surveys',
      'Loyalty',
      'Customer value',
      'Campaigns',
      'Deals',
      'Partner catalogue',
      'Matches',
      'Audience lists',
      'Results',
      'My account',
      'My API tokens',
    ]);
    await shot('navigation');
    for (const path of [...COMPLIANCE_SCREENS, ...ADMIN_SCREENS]) {
      await page.goto(path);
      await page.getByTestId('forbidden').waitFor();
      expect(await page.getByTestId('forbidden').textContent()).toContain('is not available for your role');
      if (path === '/compliance/audit' || path === '/admin/users')
        await shot(path.slice(1).replace('/', '-'));
    }
    await close();
  });

  it('gets FORBIDDEN from every compliance and admin procedure over HTTP', async () => {
    expect(forbidden.length).toBeGreaterThanOrEqual(20);
    const { context, close } = await openPage(browser, node.url, 'marketer-http');
    // The console's header, as the console sends it (the node refuses cookie-authenticated cross-site changes).
    const headers = { 'x-concord-request': '1' };
    const login = await context.request.post('/trpc/auth.login', {
      data: { email: node.users.marketer.email, password: node.password },
      headers,
    });
    expect(login.status()).toBe(200);
    const results: Record<string, string> = {};
    for (const path of forbidden) {
      const type = typeOf(path);
      // Authorization runs before input validation, so an empty input is enough to be refused.
      const res =
        type === 'query'
          ? await context.request.get(`/trpc/${path}?input=${encodeURIComponent('{}')}`)
          : await context.request.post(`/trpc/${path}`, { data: {}, headers });
      const body = (await res.json()) as { error?: { data?: { concordCode?: string; httpStatus?: number } } };
      results[path] = `${res.status()} ${body.error?.data?.concordCode}`;
    }
    expect(results).toEqual(Object.fromEntries(forbidden.map((p) => [p, '403 FORBIDDEN'])));
    // The same session may still do marketer work.
    const own = await context.request.get(`/trpc/segments.list`);
    expect(own.status()).toBe(200);
    await close();
  });
});

describe('compliance officer', () => {
  it('writes a consent rule version (validated like the server) and publishes a notice version', async () => {
    const { page, shot, close } = await openPage(browser, node.url, 'compliance-rules-notices');
    await signIn(page, node.users.compliance.email, node.password);
    await page.getByRole('link', { name: 'Consent rules' }).click();
    await page.getByRole('button', { name: 'Edit rule for Offers from partners' }).click();
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText('Choose at least one industry').waitFor();
    await shot('rule-validation');
    await page.getByLabel('Banking').check();
    await page.getByLabel('Minimum group size (k)').fill('25');
    await page.getByLabel('Why this change').fill('DPO review');
    await page.getByRole('button', { name: 'Save new version' }).click();
    const row = page.getByTestId('rules-table').getByRole('row', { name: /Offers from partners/ });
    await row.getByText('k ≥ 25').waitFor();
    expect(await page.getByTestId('rule-history').textContent()).toContain('“DPO review”');
    await shot('rule-saved');

    await page.getByRole('link', { name: 'Notices' }).click();
    await page.getByRole('button', { name: 'New version' }).click();
    await page.getByLabel('Key').fill('partner-offers');
    await page.getByLabel('Title').fill('Offers from our partners');
    await page.getByLabel('Offers from partners').check();
    await page
      .getByLabel('Exact text')
      .fill('We may tell our partner bank that you are our customer, so it can make you offers.');
    await page.getByRole('button', { name: 'Publish version' }).click();
    await page.getByRole('button', { name: 'Offers from our partners' }).click();
    await page.getByText('We may tell our partner bank').waitFor();
    await shot('notice-published');
    await close();
  });
});

describe('privacy request queue', () => {
  it('logs requests with the channel asked, refuses an erasure without reference, and answers an access request', async () => {
    await upsertCustomers(node.node.db, [
      {
        externalId: 'DSR-1',
        firstName: 'Lena',
        lastName: 'Koch',
        country: 'DE',
        emails: ['lena.koch@example.de'],
        phones: [],
      },
    ]);
    const { page, shot, close } = await openPage(browser, node.url, 'compliance-privacy-queue');
    await signIn(page, node.users.compliance.email, node.password);
    await page.getByRole('link', { name: 'Privacy requests' }).click();
    await page.getByTestId('request-queue').or(page.getByText('No requests here')).first().waitFor();
    await page.getByLabel('Search customers').fill('DSR-1');
    await page.getByRole('button', { name: /Lena Koch/ }).click();
    await page.getByLabel('Request', { exact: true }).selectOption({ label: 'Erasure' });
    await page.getByRole('button', { name: 'Log request' }).click();
    // The channel is asked, never assumed; an erasure needs a reference.
    await page.getByText('How did the request reach us?', { exact: true }).last().waitFor();
    await page.getByLabel('Came in by').selectOption({ label: 'Letter' });
    await page.getByRole('button', { name: 'Log request' }).click();
    await page.getByText('An erasure needs a reference (ticket or letter number)').waitFor();
    await shot('erasure-needs-reference');
    await page.getByLabel('Request', { exact: true }).selectOption({ label: 'Access' });
    await page.getByRole('button', { name: 'Log request' }).click();
    const queue = page.getByTestId('request-queue');
    await queue.getByText('DSR-1').waitFor();
    expect(await queue.textContent()).toContain('Letter');
    await shot('queued-with-deadline');
    const download = page.waitForEvent('download');
    await queue.getByRole('button', { name: 'Export' }).click();
    expect((await download).suggestedFilename()).toMatch(/^access-export-.+\.json$/);
    await page.getByLabel('Status').selectOption({ label: 'Completed' });
    await queue.getByText('completed').first().waitFor();
    await shot('access-answered');
    await close();
  });
});

describe('audit log pages', () => {
  it('pages the audit log on the server, with page, size and subject in the URL', async () => {
    const { page, shot, close } = await openPage(browser, node.url, 'compliance-audit-pages');
    await signIn(page, node.users.compliance.email, node.password);
    await page.goto('/compliance/audit?size=10');
    await page.getByTestId('audit-table').waitFor();
    const range = () => page.getByTestId('pager-range').textContent();
    await expect.poll(range).toMatch(/^1–10 of \d+ events$/);
    const total = Number((await range())!.match(/of (\d+)/)![1]);
    expect(total).toBeGreaterThan(10);
    const firstPage = await page
      .getByTestId('audit-table')
      .locator('tbody tr td:nth-child(1)')
      .allInnerTexts();
    await shot('page-1');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL(/page=2/);
    await expect.poll(range).toBe(`11–${Math.min(20, total)} of ${total} events`);
    const cells = () => page.getByTestId('audit-table').locator('tbody tr td:nth-child(1)').allInnerTexts();
    // The pager's range follows the URL at once; the rows follow when page 2 has arrived (the previous page's
    // rows stay on screen meanwhile), so wait for the rows themselves to change.
    await expect.poll(async () => (await cells())[0]).not.toBe(firstPage[0]);
    const secondPage = await cells();
    // Newest first: page 2 continues where page 1 stopped.
    expect(Number(secondPage[0])).toBeLessThan(Number(firstPage.at(-1)));
    await page.reload();
    await expect.poll(range).toBe(`11–${Math.min(20, total)} of ${total} events`);
    await shot('page-2-after-reload');
    await page.getByLabel('Subject').selectOption('ConsentRule');
    await page.waitForURL(/subject=ConsentRule/);
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    await expect.poll(range).toMatch(/^1–\d+ of \d+ events$/);
    await shot('consent-rules-only');
    await close();
  });
});
