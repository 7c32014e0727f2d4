// Onboarding journey: a node without users opens its first-run setup screen from the printed link, the new admin
// joins the clean room with the operator's invitation code — no file copied, no restart.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { NodeConfig, type NodeService, startNode } from '@concord/node/testing';
import { createOperatorClient } from '@concord/protocol/client';
import { silentLogger } from '@concord/service';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './harness/browser.ts';
import { WEB_DIST } from './harness/node.ts';

const dir = mkdtempSync(join(tmpdir(), 'concord-onboarding-'));
const operatorToken = randomBytes(24).toString('base64url');
let cleanroom: ChildProcess;
let cleanroomUrl: string;
let node: NodeService;
let browser: Browser;

/** The clean room as its own process (the operator's machine), on in-memory PGlite. */
async function startCleanroom(): Promise<string> {
  cleanroom = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main.ts',
      '--port',
      '0',
      '--operator-token',
      operatorToken,
      '--data-dir',
      'memory://',
    ],
    { cwd: resolve(import.meta.dirname, '../../cleanroom'), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  for await (const line of createInterface({ input: cleanroom.stdout! })) {
    const entry = line.startsWith('{') ? (JSON.parse(line) as { url?: string; msg?: string }) : {};
    if (entry.url && entry.msg?.includes('listening')) return entry.url;
  }
  throw new Error('the clean room exited before listening');
}

beforeAll(async () => {
  [cleanroomUrl, browser] = await Promise.all([startCleanroom(), launchBrowser()]);
  node = await startNode(
    NodeConfig.parse({
      name: 'Harbor Insurance',
      industry: 'insurance',
      port: 0,
      dataDir: join(dir, 'node'),
      webDir: WEB_DIST,
      cleanroomUrl,
      nodeSecret: randomBytes(24).toString('base64url'),
      logLevel: 'silent',
    }),
    { logger: silentLogger() },
  );
  // A clean-room process, a node and a browser on a shared machine: a generous guard, not a speed claim.
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await node?.stop();
  cleanroom?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('onboarding journey', () => {
  it('first-run setup from the printed link, then joining the clean room with an invitation code', async () => {
    const firstRun = node.firstRun!;
    const { page, shot, close } = await openPage(browser, node.url, 'onboarding');
    await page.goto(firstRun.url.replace(node.url, ''));
    await page.getByRole('heading', { name: 'First-run setup' }).waitFor();
    expect(await page.getByLabel('Setup code').inputValue()).toBe(firstRun.code);
    await page.getByLabel('Administrator email').fill('ops@harbor.example');
    await page.getByLabel('Password', { exact: true }).fill('a long admin password');
    await page.getByLabel('Repeat the password').fill('a long admin passwort');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByText('The two passwords differ').waitFor();
    await shot('setup-screen');
    await page.getByLabel('Repeat the password').fill('a long admin password');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.getByTestId('user-role').waitFor();
    expect(await page.getByTestId('user-role').textContent()).toContain('admin');
    await shot('signed-in-as-first-admin');

    await page.goto('/admin/credentials');
    await page.getByText('Not joined yet').waitFor();
    await shot('not-joined');
    const operator = createOperatorClient({ baseUrl: cleanroomUrl, operatorToken });
    const { code } = await operator.invite({ name: 'Harbor Insurance', industry: 'insurance' });
    await page.getByLabel('Invitation code').fill(code);
    await page.getByRole('button', { name: 'Join the clean room' }).click();
    await page.getByTestId('membership').getByText('connected').waitFor();
    expect(await page.getByTestId('membership').textContent()).toContain(
      'Known to the clean room as Harbor Insurance',
    );
    await shot('joined');
    const partners = await operator.operatorListPartners();
    expect(partners.partners.map((p) => p.name)).toEqual(['Harbor Insurance']);
    await close();
  }, 300_000);
});
