// The CLI reaches every node procedure: `concord api --list` is the node router's own procedure table (each with
// its kind), and `concord api` calls a query and a mutation on a real node, with errors as one human line and code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appRouter,
  type NodeService,
  type ShopNode,
  startShopNode,
  upsertCustomers,
  userWithToken,
} from '@concord/node/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concord } from './support/run.ts';

let node: NodeService;
let shop: ShopNode;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'concord-api-cli-'));

beforeAll(async () => {
  shop = await startShopNode('api_cli');
  node = shop.node;
  const { token } = await userWithToken(node.db, {
    email: 'admin@shop.test',
    role: 'admin',
    password: 'correct horse battery staple',
    tokenName: 'cli',
  });
  env = { CONCORD_NODE_URL: node.url, CONCORD_TOKEN: token };
  await upsertCustomers(node.db, [
    { externalId: 'K-1', firstName: 'Anna', lastName: 'Meyer' },
    { externalId: 'K-2', firstName: 'Bert', lastName: 'Brandt' },
  ]);
  // Starting a node and its database on a shared machine: a generous guard, not a speed claim.
}, 180_000);
afterAll(async () => {
  await shop?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('concord api --list', () => {
  it('lists every procedure of the node router with its kind', async () => {
    const table = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const expected = Object.keys(table)
      .sort()
      .map((path) => `${table[path]!._def.type} ${path}`);
    const listed = await concord(['api', '--list']);
    expect(listed.code).toBe(0);
    const lines = listed.stdout
      .trim()
      .split('\n')
      .map((l) => l.trim().replace(/\s+/, ' '));
    expect(lines).toEqual(expected);
    expect(expected.length).toBeGreaterThan(100);
  });

  it('refuses an unknown procedure and input that is not JSON as usage errors (exit 2)', async () => {
    const unknown = await concord(['api', 'customers.nope'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('the node has no procedure "customers.nope"');
    const bad = await concord(['api', 'customers.list', '--input', '{oops'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--input is not JSON');
  });
});

describe('concord api against a node', () => {
  it('calls a query with JSON input and prints its result as JSON', async () => {
    const r = await concord(['api', 'customers.list', '--input', '{"search":"K-2"}'], env);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { items: Array<{ externalId: string }> };
    expect(result.items.map((c) => c.externalId)).toEqual(['K-2']);
  });

  it('calls a mutation with input from a file', async () => {
    const file = join(dir, 'customer.json');
    writeFileSync(file, JSON.stringify({ externalId: 'K-3', firstName: 'Cara' }));
    const r = await concord(['api', 'customers.create', '--input', `@${file}`], env);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { externalId: string }).externalId).toBe('K-3');
    const again = await concord(['api', 'customers.create', '--input', `@${file}`], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/\[CONFLICT\]\n$/);
  });

  it('prints refused input as one human line with its code, never raw zod JSON', async () => {
    const r = await concord(['api', 'customers.create', '--input', '{"externalId":""}'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^concord api: .*External Id: .*\[BAD_INPUT\]\n$/);
    expect(r.stderr).not.toContain('"code"');
  });

  it('merges duplicates named by customer number', async () => {
    const r = await concord(['duplicates', 'merge', 'K-1', 'Brandt', '--json'], env);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { mergeId: string }).mergeId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
