// Accessibility: axe-core scans EVERY screen of the console (from src/routes.tsx) as every role, plus the sign-in
// page; any serious or critical violation fails the test, with the rule and the elements named.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './harness/browser.ts';
import { type ConsoleNode, startConsoleNode } from './harness/node.ts';
import {
  type AxeViolation,
  type Seeded,
  screenUrls,
  seedScreens,
  seriousViolations,
  settle,
} from './harness/screens.ts';

let node: ConsoleNode;
let browser: Browser;
let seeded: Seeded;

beforeAll(async () => {
  [node, browser] = await Promise.all([
    startConsoleNode({ name: 'Harbor Insurance', industry: 'insurance', key: 'a11y' }),
    launchBrowser(),
  ]);
  seeded = await seedScreens(node);
});
afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

const report = (found: Record<string, AxeViolation[]>) =>
  Object.entries(found)
    .filter(([, vs]) => vs.length > 0)
    .map(
      ([url, vs]) =>
        `${url}\n${vs.map((v) => `  [${v.impact}] ${v.id}: ${v.help} — ${v.targets.join(', ')}`).join('\n')}`,
    )
    .join('\n');

describe('axe-core scan of every screen', () => {
  it('the sign-in page has no serious or critical violations', async () => {
    const { page, close } = await openPage(browser, node.url, 'a11y-login');
    await page.goto('/');
    await page.getByLabel('Email').waitFor();
    expect(report({ '/': await seriousViolations(page) })).toBe('');
    await close();
  });

  it.each(['marketer', 'compliance', 'admin'] as const)(
    'every screen as %s has no serious or critical violations',
    async (role) => {
      const { page, close } = await openPage(browser, node.url, `a11y-${role}`);
      await signIn(page, node.users[role].email, node.password);
      const found: Record<string, AxeViolation[]> = {};
      const urls = screenUrls(seeded);
      for (const url of urls) {
        await page.goto(url);
        await page.getByRole('main').waitFor();
        await settle(page);
        const violations = await seriousViolations(page);
        if (violations.length) found[url] = violations;
      }
      expect(urls.length).toBeGreaterThan(25);
      expect(report(found)).toBe('');
      await close();
    },
    600_000,
  );
});
