// Every screen of the console (read from src/routes.tsx, so a new screen is scanned without touching the tests),
// a small data set so the screens have something to show, and axe-core injected into the page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { createSegment, upsertCustomers, upsertInteractions, upsertPurchases } from '@concord/node/testing';
import type { Page } from 'playwright-core';
import type { ConsoleNode } from './node.ts';

/** The route patterns of src/routes.tsx, in order (e.g. '/customers/:id'). */
export function routePaths(): string[] {
  const source = readFileSync(resolve(import.meta.dirname, '../../src/routes.tsx'), 'utf8');
  return [...source.matchAll(/^\s+path: '([^']+)',$/gm)].map((m) => m[1]!);
}

/** A well-formed id that names nothing: the screen's "not found" state. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

export interface Seeded {
  customerId: string;
  segmentId: string;
}

/** Twelve customers with purchases and history, and one saved segment. */
export async function seedScreens(node: ConsoleNode): Promise<Seeded> {
  const db = node.node.db;
  const now = Date.now();
  await upsertCustomers(
    db,
    Array.from({ length: 12 }, (_, i) => ({
      externalId: `S-${i + 1}`,
      firstName: ['Anna', 'Ben', 'Clara'][i % 3]!,
      lastName: ['Schmidt', 'Keller', 'Wolf', 'Brandt'][i % 4]!,
      city: i % 2 ? 'Berlin' : 'Hamburg',
      country: 'DE',
      emails: [`s${i + 1}@example.com`],
      attributes: { tier: i % 3 ? 'silver' : 'gold' },
    })),
  );
  await upsertPurchases(
    db,
    Array.from({ length: 36 }, (_, k) => ({
      externalId: `SP-${k}`,
      customerExternalId: `S-${(k % 12) + 1}`,
      product: ['Car policy', 'Home policy', 'Travel policy'][k % 3]!,
      category: ['Car', 'Home', 'Travel'][k % 3]!,
      price: [90, 240, 680][k % 3]!,
      purchasedAt: new Date(now - ((k * 23) % 300) * 86_400_000),
    })),
  );
  await upsertInteractions(db, [
    {
      externalId: 'SK-1',
      customerExternalId: 'S-1',
      kind: 'contact',
      channel: 'phone',
      direction: 'inbound',
      occurredAt: new Date(now - 3 * 86_400_000),
      summary: 'Asked about cover',
    },
  ]);
  const customer = await db
    .selectFrom('customer')
    .select('id')
    .where('external_id', '=', 'S-1')
    .executeTakeFirstOrThrow();
  const segment = await createSegment(
    { db, now: () => new Date() },
    {
      name: 'Car buyers',
      rule: { type: 'and', rules: [{ type: 'purchases', category: ['Car'] }] },
      createdBy: node.users.marketer.id,
    },
  );
  return { customerId: customer.id, segmentId: segment.id };
}

/** Concrete URLs for every route: parameters filled with seeded ids (or an unknown id where nothing is seeded). */
export function screenUrls(seeded: Seeded): string[] {
  return routePaths().map((p) =>
    p
      .replace('/customers/:id', `/customers/${seeded.customerId}`)
      .replace('/segments/:id', `/segments/${seeded.segmentId}`)
      .replace(/:[a-zA-Z]+/g, UNKNOWN_ID),
  );
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core (WCAG 2.x A/AA rules) in the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the console's Content-Security-Policy (script-src 'self') does not
  // govern: the page keeps its real CSP while it is scanned (a <script> tag would be refused, rightly).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      }));
  });
}

/** Waits until the screen has finished loading (no skeletons, no pending requests). */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page
    .waitForFunction(() => !document.querySelector('[aria-busy="true"], .skeleton'), null, {
      timeout: 10_000,
    })
    .catch(() => {});
}
