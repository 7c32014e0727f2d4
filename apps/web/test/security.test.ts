// Issue 11 items 5, 7 and 9 in the browser: the console works under the node's strict CSP (no violations, no
// inline script in the build), sends its CSRF header, and a locked-out user is unlocked by an admin.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createUser } from '@concord/node/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signIn } from './harness/browser.ts';
import { type ConsoleNode, startConsoleNode, WEB_DIST } from './harness/node.ts';

let node: ConsoleNode;
let browser: Browser;
const MIA = { email: 'mia.locked@sec.test', password: 'seven green lanterns' };
const OPS = { email: 'ops.peer@sec.test', password: 'night shift on call' };

beforeAll(async () => {
  [node, browser] = await Promise.all([
    startConsoleNode({ name: 'Northwind Bank', industry: 'bank', key: 'sec' }),
    launchBrowser(),
  ]);
  await createUser({ db: node.node.db }, { email: MIA.email, role: 'marketer', password: MIA.password });
  await createUser({ db: node.node.db }, { email: OPS.email, role: 'admin', password: OPS.password });
});
afterAll(async () => {
  await browser?.close();
  await node?.stop();
});

describe('console security', () => {
  it('ships no inline script and is served with a strict CSP', async () => {
    const html = readFileSync(resolve(WEB_DIST, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\//);
      expect(body?.trim()).toBe('');
    }
    const res = await fetch(node.url);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('pauses sign-in after 5 failures, says so once, and an admin unlocks it; no CSP violation on the way', async () => {
    const mia = await openPage(browser, node.url, 'security-lockout');
    await mia.page.goto('/');
    await mia.page.getByLabel('Email').fill(MIA.email);
    for (let i = 0; i < 5; i++) {
      await mia.page.getByLabel('Password').fill(`wrong guess number ${i}`);
      await mia.page.getByRole('button', { name: 'Sign in' }).click();
      await mia.page.getByText('Wrong email or password').waitFor();
    }
    expect(await mia.page.locator('.login-form').textContent()).toContain('pauses here for up to 15 minutes');
    await mia.shot('wrong-password');
    await mia.page.getByLabel('Password').fill(MIA.password);
    await mia.page.getByRole('button', { name: 'Sign in' }).click();
    await mia.page.getByText('Sign-in paused').waitFor();
    const paused = await mia.page.locator('.login-form').textContent();
    expect(paused).toMatch(/try again in \d+ min or ask an administrator to unlock it/);
    expect(paused).not.toContain('Wait a');
    await mia.shot('sign-in-paused');

    const admin = await openPage(browser, node.url, 'security-unlock');
    await signIn(admin.page, node.users.admin.email, node.password);
    await admin.page.getByRole('link', { name: 'Users' }).click();
    const row = admin.page.getByTestId('users-table').locator('tr', { hasText: MIA.email });
    await row.getByText('sign-in paused').waitFor();
    await admin.shot('user-paused');
    await row.getByRole('button', { name: 'Unlock' }).click();
    await admin.page.getByText(`${MIA.email} can sign in again`).waitFor();
    await admin.shot('user-unlocked');

    await mia.page.getByRole('button', { name: 'Sign in' }).click();
    await mia.page.getByTestId('user-role').waitFor();
    await mia.shot('signed-in');
    expect(mia.cspViolations).toEqual([]);
    expect(admin.cspViolations).toEqual([]);
    await Promise.all([mia.close(), admin.close()]);
  });

  it('an admin resets a password; the policy refuses a common one with a clear message', async () => {
    const admin = await openPage(browser, node.url, 'security-reset');
    await signIn(admin.page, node.users.admin.email, node.password);
    await admin.page.getByRole('link', { name: 'Users' }).click();
    // Separation of duties (issue 12): an admin resets a peer admin's password, never a marketer's.
    const marketerRow = admin.page.getByTestId('users-table').locator('tr', { hasText: MIA.email });
    await marketerRow.waitFor();
    expect(await marketerRow.getByRole('button', { name: 'Reset password' }).count()).toBe(0);
    const row = admin.page.getByTestId('users-table').locator('tr', { hasText: OPS.email });
    await row.getByRole('button', { name: 'Reset password' }).click();
    await admin.page.getByLabel('New password').fill('Password123!');
    await admin.page.getByRole('button', { name: 'Set password', exact: true }).click();
    await admin.page.getByText('Password is one of the most common passwords', { exact: true }).waitFor();
    await admin.shot('common-password-refused');
    await admin.page.getByLabel('New password').fill('orange kite over the harbour');
    await admin.page.getByRole('button', { name: 'Set password', exact: true }).click();
    await admin.page.getByText(`New password set for ${OPS.email}`).waitFor();
    await admin.shot('password-reset');
    expect(admin.cspViolations).toEqual([]);
    await admin.close();
  });
});
