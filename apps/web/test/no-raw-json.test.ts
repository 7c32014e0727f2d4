// No raw JSON anywhere in the console: every form on every screen (from src/routes.tsx), as every role, is
// submitted empty and then with over-long values; malformed ids go into the URL; the segment builder gets an
// unfinished rule and a too-long name. The page must show words — a JSON-looking text fails the test — and the
// error states themselves must pass the axe-core scan.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './harness/browser.ts';
import { type ConsoleNode, startConsoleNode } from './harness/node.ts';
import { type Seeded, screenUrls, seedScreens, seriousViolations, settle } from './harness/screens.ts';

let node: ConsoleNode;
let browser: Browser;
let seeded: Seeded;

beforeAll(async () => {
  [node, browser] = await Promise.all([
    startConsoleNode({ name: 'Harbor Insurance', industry: 'insurance', key: 'nojson' }),
    launchBrowser(),
  ]);
  seeded = await seedScreens(node);
});
afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

/** `{"code": …`, `[ { "path": …` and the like: serialized objects, not words. */
const JSON_LIKE = /[[{]\s*"[^"\n]{1,40}"\s*:|"(origin|code|path|message|expected)"\s*:/;

async function jsonOnPage(page: Page, where: string): Promise<string[]> {
  const text = await page.evaluate(() => document.body.textContent ?? '');
  const hit = JSON_LIKE.exec(text);
  return hit ? [`${where}: …${text.slice(Math.max(0, hit.index - 40), hit.index + 120)}…`] : [];
}

async function a11yOnPage(page: Page, where: string): Promise<string[]> {
  return (await seriousViolations(page)).map(
    (v) => `${where}: [${v.impact}] ${v.id} — ${v.targets.join(', ')}`,
  );
}

/** Buttons that open a form (a dialog or an inline editor). */
const OPENER = /^(Add\b|New\b|Propose\b|Reset password|Fix$|Edit\b|Rename\b)/;

async function openForms(page: Page): Promise<void> {
  const names = new Set<string>();
  for (const b of await page.locator('main button:not(form button)').all()) {
    const name = ((await b.textContent()) ?? '').trim();
    if (!OPENER.test(name) || names.has(name) || !(await b.isVisible()) || !(await b.isEnabled())) continue;
    names.add(name);
    await b.click();
    await settle(page);
  }
}

/** Submits every visible form; returns how many were submitted (so the scan cannot pass by finding none). */
async function submitAll(page: Page, fill: boolean): Promise<number> {
  let submitted = 0;
  for (const form of await page.locator('form').all()) {
    if (!(await form.isVisible())) continue;
    if (fill) {
      for (const input of await form
        .locator('input:not([type]), input[type=text], input[type=email], input[type=password], textarea')
        .all())
        if ((await input.isVisible()) && (await input.isEditable())) await input.fill('x'.repeat(6000));
    }
    const submit = form.locator('button[type=submit]').first();
    if ((await submit.count()) && (await submit.isVisible()) && (await submit.isEnabled())) {
      await submit.click();
      await settle(page);
      submitted += 1;
    }
  }
  return submitted;
}

async function scanForms(page: Page, url: string): Promise<{ problems: string[]; submitted: number }> {
  await page.goto(url);
  await page.getByRole('main').waitFor();
  await settle(page);
  await openForms(page);
  const problems: string[] = [];
  let submitted = await submitAll(page, false);
  problems.push(...(await jsonOnPage(page, `${url} (empty)`)), ...(await a11yOnPage(page, `${url} (empty)`)));
  submitted += await submitAll(page, true);
  problems.push(
    ...(await jsonOnPage(page, `${url} (too long)`)),
    ...(await a11yOnPage(page, `${url} (too long)`)),
  );
  return { problems, submitted };
}

describe('no raw JSON in the console', () => {
  it('the sign-in form in its error states', async () => {
    const { page, close } = await openPage(browser, node.url, 'nojson-login');
    await page.goto('/');
    await page.getByLabel('Email').waitFor();
    const problems: string[] = [];
    await submitAll(page, false);
    problems.push(...(await jsonOnPage(page, '/ (empty)')));
    await submitAll(page, true);
    problems.push(...(await jsonOnPage(page, '/ (too long)')), ...(await a11yOnPage(page, '/ (too long)')));
    expect(problems).toEqual([]);
    await close();
  });

  it.each(['marketer', 'compliance', 'admin'] as const)(
    'every form on every screen as %s, empty and with over-long values',
    async (role) => {
      const { page, close } = await openPage(browser, node.url, `nojson-${role}`);
      page.on('dialog', (d) => void d.dismiss());
      await signIn(page, node.users[role].email, node.password);
      const problems: string[] = [];
      let submitted = 0;
      for (const url of screenUrls(seeded)) {
        const scan = await scanForms(page, url);
        problems.push(...scan.problems);
        submitted += scan.submitted;
      }
      expect(problems).toEqual([]);
      // Each role has forms of its own (follow-up and campaign; rules, notices, collaborations; users, tokens).
      expect(submitted).toBeGreaterThanOrEqual(4);
      await close();
    },
    900_000,
  );

  it('malformed ids in the URL read as a malformed link, in words', async () => {
    const { page, close } = await openPage(browser, node.url, 'nojson-urls');
    await signIn(page, node.users.marketer.email, node.password);
    for (const url of ['/customers/not-an-id', '/segments/42', '/campaigns/x%22%7D', '/lists/%5B%5D']) {
      await page.goto(url);
      await page.getByRole('alert').first().waitFor();
      expect(await page.getByRole('alert').first().textContent()).toContain('This link is malformed');
      expect(await jsonOnPage(page, url)).toEqual([]);
    }
    await close();
  });

  it('the segment builder words an unfinished rule and a too-long name beside their fields', async () => {
    const { page, close } = await openPage(browser, node.url, 'nojson-segment');
    await signIn(page, node.users.marketer.email, node.password);
    await page.goto('/segments/new');
    const top = page.getByRole('group', { name: 'Top group' });
    await top.getByRole('button', { name: 'Attribute', exact: true }).last().click();
    const rule2 = page.getByRole('group', { name: 'Rule 2: Attribute' });
    await rule2.locator('.field-error', { hasText: 'Choose an attribute' }).waitFor();
    expect(await page.getByRole('alert').first().textContent()).toContain('Rule 2: choose an attribute');
    await rule2.getByLabel('Attribute').selectOption('tier');
    await rule2.getByLabel('Value').selectOption('gold');
    await page.getByTestId('live-count').filter({ hasText: /^\d+$/ }).waitFor();
    await page.getByLabel('Name').fill('n'.repeat(201));
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.locator('#seg-name-error', { hasText: 'Too long — at most 200 characters' }).waitFor();
    expect(await jsonOnPage(page, '/segments/new')).toEqual([]);
    expect(await a11yOnPage(page, '/segments/new')).toEqual([]);
    await close();
  });
});
