// Real headless Chromium (Debian's build) driven by playwright-core, with numbered screenshots per journey.
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export const ARTIFACTS = resolve(import.meta.dirname, '../../artifacts');

/** A page in a fresh context (own cookies) with a screenshot helper that numbers steps 01, 02, … */
export async function openPage(browser: Browser, baseUrl: string, journey: string) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // Chromium reports every Content-Security-Policy refusal on the console; journeys assert there are none.
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
  const dir = resolve(ARTIFACTS, journey);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let step = 0;
  const shot = async (name: string) => {
    step += 1;
    // Let charts and transitions settle so the picture shows the finished state.
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.screenshot({
      path: resolve(dir, `${String(step).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  };
  // A failing step leaves a picture of what the browser showed at that moment.
  onTestFailed(async () => {
    await page.screenshot({ path: resolve(dir, 'failure.png'), fullPage: true }).catch(() => {});
  });
  return { page, context, shot, cspViolations, close: () => context.close() };
}

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('user-role').waitFor();
}
