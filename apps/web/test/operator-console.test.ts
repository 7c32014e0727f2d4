// Operator console journey (real Chromium): the clean room serves the operator console at its root URL; the
// operator signs in with the operator token and invites a partner; the partner's fresh node goes through first-run
// setup and joins with that code; the console then shows the partner, disables and re-enables it, rotates its
// credential by re-invitation (the node rejoins with the new code), and verifies the audit chain.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeService } from '@concord/node/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './harness/browser.ts';
import { type CleanroomProcess, startCleanroomProcess } from './harness/cleanroom.ts';
import { startFreshNode, WEB_DIST } from './harness/node.ts';

const dir = mkdtempSync(join(tmpdir(), 'concord-opconsole-'));
const operatorToken = randomBytes(24).toString('base64url');
let cleanroom: CleanroomProcess;
let node: NodeService;
let browser: Browser;

beforeAll(async () => {
  [cleanroom, browser] = await Promise.all([
    startCleanroomProcess({ operatorToken, webDir: WEB_DIST }),
    launchBrowser(),
  ]);
  node = await startFreshNode({
    name: 'Harbor Insurance',
    industry: 'insurance',
    dataDir: join(dir, 'node'),
    cleanroomUrl: cleanroom.url,
  });
  // A clean-room process, a node and a browser on a shared machine: a generous guard, not a speed claim.
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await node?.stop();
  cleanroom?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function partnerRow(page: Page) {
  const row = page.getByTestId('partners-table').getByRole('row', { name: /Harbor Insurance/ });
  await row.waitFor();
  return row;
}

async function joinWithCode(page: Page, code: string) {
  await page.goto('/admin/credentials');
  await page.getByLabel('Invitation code').fill(code);
  await page.getByRole('button', { name: 'Join the clean room' }).click();
  await page.getByTestId('membership').getByText('connected').waitFor();
}

describe('operator console journey', () => {
  it('invite from the console, first-run setup and join on the node, then the console shows and verifies', async () => {
    const op = await openPage(browser, cleanroom.url, 'operator-console');
    await op.page.goto('/');
    await op.page.getByRole('heading', { name: 'Operator sign-in' }).waitFor();
    await op.page.getByLabel('Operator token').fill('not-the-operator-token');
    await op.page.getByRole('button', { name: 'Sign in' }).click();
    await op.page.getByText('That is not the operator token').waitFor();
    await op.shot('sign-in-refused');
    await op.page.getByLabel('Operator token').fill(operatorToken);
    await op.page.getByRole('button', { name: 'Sign in' }).click();
    await op.page.getByRole('heading', { name: 'Partners', level: 1 }).waitFor();
    expect(new URL(op.page.url()).pathname).toBe('/partners');
    const nav = op.page.getByRole('navigation', { name: 'Main' });
    for (const item of ['Partners', 'Collaborations', 'Activity', 'Health', 'Audit chain'])
      expect(await nav.getByRole('link', { name: item }).count()).toBe(1);
    expect(await op.page.getByTestId('user-role').textContent()).toBe('Clean room operator');

    await op.page.getByRole('button', { name: 'Create invitation' }).click();
    await op.page.getByText("Enter the partner's company name").waitFor();
    await op.page.getByLabel('Partner name').fill('Harbor Insurance');
    await op.page.getByLabel('Industry').selectOption('insurance');
    await op.page.getByRole('button', { name: 'Create invitation' }).click();
    const code = (await op.page.getByTestId('invitation-code').textContent()) ?? '';
    expect(code).toMatch(/^cci_[A-Za-z0-9_-]{43}$/);
    await op.page.getByTestId('invitations-table').getByText('open', { exact: true }).waitFor();
    await op.shot('invitation-issued');

    // The partner's own machine: a node with no users, opened from the link it printed.
    const firstRun = node.firstRun!;
    const admin = await openPage(browser, node.url, 'operator-console-node');
    await admin.page.goto(firstRun.url.replace(node.url, ''));
    await admin.page.getByRole('heading', { name: 'First-run setup' }).waitFor();
    expect(await admin.page.getByLabel('Setup code').inputValue()).toBe(firstRun.code);
    await admin.page.getByLabel('Administrator email').fill('ops@harbor.example');
    await admin.page.getByLabel('Password', { exact: true }).fill('a long admin password');
    await admin.page.getByLabel('Repeat the password').fill('a long admin password');
    await admin.shot('first-run-setup');
    await admin.page.getByRole('button', { name: 'Create administrator' }).click();
    await admin.page.getByTestId('user-role').waitFor();
    await joinWithCode(admin.page, code);
    expect(await admin.page.getByTestId('membership').textContent()).toContain(
      'Known to the clean room as Harbor Insurance',
    );
    await admin.shot('joined-with-the-code');

    // Back in the operator console: the partner is registered and active, the code is redeemed and gone.
    await op.page.reload();
    const row = await partnerRow(op.page);
    expect(await row.textContent()).toContain('active');
    expect(await row.textContent()).toContain('Insurance');
    await op.page.getByTestId('invitations-table').getByText('redeemed', { exact: true }).waitFor();
    const shown = (await op.page.locator('main').textContent()) ?? '';
    expect(shown).not.toContain(code);
    expect(shown).not.toMatch(/cc[pi]_[A-Za-z0-9_-]{20}/);
    await op.shot('partner-registered');

    await op.page.getByRole('button', { name: 'Disable Harbor Insurance' }).click();
    await (await partnerRow(op.page)).getByText('disabled', { exact: true }).waitFor();
    await admin.page.reload();
    await admin.page.getByTestId('membership').getByText('unreachable').waitFor();
    await op.shot('partner-disabled');
    await op.page.getByRole('button', { name: 'Enable Harbor Insurance' }).click();
    await (await partnerRow(op.page)).getByText('active', { exact: true }).waitFor();

    // Rotation from the console: the old credential stops, the node rejoins with the new code.
    await op.page.getByRole('button', { name: 'Rotate the credential of Harbor Insurance' }).click();
    const rotated = (await op.page.getByTestId('invitation-code').textContent()) ?? '';
    expect(rotated).toMatch(/^cci_/);
    expect(rotated).not.toBe(code);
    await op.page.getByText('the old credential no longer works').waitFor();
    await op.shot('credential-rotated');
    await admin.page.reload();
    await admin.page.getByTestId('membership').getByText('unreachable').waitFor();
    await admin.page.getByText('Rejoin with a new code').waitFor();
    await joinWithCode(admin.page, rotated);
    await admin.shot('rejoined-after-rotation');

    await op.page.getByRole('link', { name: 'Health' }).click();
    await op.page.getByTestId('cr-health-partners').getByText('1', { exact: true }).waitFor();
    await op.shot('health');
    await op.page.getByRole('link', { name: 'Collaborations' }).click();
    await op.page.getByText('No collaborations yet').waitFor();
    await op.page.getByRole('link', { name: 'Audit chain' }).click();
    await op.page.getByTestId('audit-events').getByText('partner.invited').first().waitFor();
    await op.page.getByRole('button', { name: 'Verify chain' }).click();
    const verdict = op.page.getByText(/^Chain intact — \d+ events verified$/);
    await verdict.waitFor();
    const verified = Number((await verdict.textContent())?.match(/(\d+) events/)?.[1]);
    // Invited, registered, disabled, enabled, rotated, re-invited, re-bound: at least seven links.
    expect(verified).toBeGreaterThanOrEqual(7);
    await op.shot('audit-chain-verified');

    await op.page.getByRole('button', { name: 'Sign out' }).click();
    await op.page.getByRole('heading', { name: 'Operator sign-in' }).waitFor();
    await admin.close();
    await op.close();
  }, 300_000);
});
