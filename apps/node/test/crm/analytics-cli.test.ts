// `concord analytics import-*` against a real node over HTTP: the CLI streams the CSV to the upload routes, good rows
// land, bad rows come back with line and reason, and the role checks of the routes hold.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import { createSurvey } from '../../src/crm/surveys/surveys.ts';
import type { NodeService } from '../../src/server.ts';
import { type ShopNode, startShopNode } from '../shop-node.ts';
import { userWithToken } from '../user-with-token.ts';

const CLI_MAIN = fileURLToPath(new URL('../../../cli/src/main.ts', import.meta.url));
let node: NodeService;
let shop: ShopNode;
const tokens: Record<string, string> = {};
const dir = mkdtempSync(join(tmpdir(), 'concord-analytics-cli-'));

function cli(role: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_MAIN, ...argv], {
    cwd: fileURLToPath(new URL('../../../cli/', import.meta.url)),
    env: { ...process.env, CONCORD_NODE_URL: node.url, CONCORD_TOKEN: tokens[role] },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (c) => resolve({ code: c ?? 1, stdout, stderr })));
}

beforeAll(async () => {
  shop = await startShopNode('analytics_cli');
  node = shop.node;
  for (const role of ['admin', 'marketer'] as const) {
    const email = `${role}@shop.test`;
    const password = 'correct horse battery staple';
    tokens[role] = (await userWithToken(node.db, { email, role, password, tokenName: 'cli' })).token;
  }
  await upsertCustomers(node.db, [{ externalId: 'K1' }, { externalId: 'K2' }]);
  await createSurvey(
    { db: node.db },
    {
      key: 'nps',
      name: 'NPS',
      questions: [{ key: 'score', kind: 'nps', label: 'Recommend?' }],
      createdBy: null,
    },
  );
}, 120_000);
afterAll(async () => {
  await shop?.stop();
});

describe('concord analytics import-*', () => {
  it('imports loyalty events and survey responses, listing rejected rows with line and reason', async () => {
    const loyalty = join(dir, 'loyalty.csv');
    writeFileSync(
      loyalty,
      'external_id,customer_external_id,kind,points,occurred_at\nJ1,K1,join,,2026-01-01\nE1,K1,earn,120,2026-02-01\nE2,K2,earn,5,2026-02-01\n',
    );
    const out = await cli('admin', ['analytics', 'import-loyalty', loyalty, '--json']);
    expect(out.code).toBe(3);
    const result = JSON.parse(out.stdout) as {
      imported: number;
      errors: Array<{ line: number; reason: string }>;
    };
    expect(result.imported).toBe(2);
    expect(result.errors).toEqual([
      { line: 4, field: 'customer_external_id', reason: 'not a loyalty member (import a join event first)' },
    ]);
    const surveys = join(dir, 'surveys.csv');
    writeFileSync(
      surveys,
      'external_id,survey,customer_external_id,responded_at,score\nR1,nps,K1,2026-03-01,9\nR2,nps,K2,2026-03-01,12\n',
    );
    const s = await cli('admin', ['analytics', 'import-surveys', surveys]);
    expect(s.stdout).toContain('imported    1');
    expect(s.stdout).toContain('line 3 [score]: answer to score: "12" is not a whole number from 0 to 10');
    const balance = await node.db
      .selectFrom('loyalty_event')
      .select((eb) => eb.fn.sum<number>('points').as('p'))
      .executeTakeFirstOrThrow();
    expect(Number(balance.p)).toBe(120);
  });

  it('refuses a marketer uploading demographics (FORBIDDEN) and a missing file', async () => {
    const demo = join(dir, 'demo.csv');
    writeFileSync(demo, 'customer_external_id,sex\nK1,f\n');
    const out = await cli('marketer', ['analytics', 'import-demographics', demo]);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain('FORBIDDEN');
    const ok = await cli('admin', ['analytics', 'import-demographics', demo]);
    expect(ok.code).toBe(0);
    expect(
      (await cli('admin', ['analytics', 'import-demographics', join(dir, 'nope.csv')])).stderr,
    ).toContain('no such file');
  });
});
