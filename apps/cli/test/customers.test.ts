// Customers as people type them: `concord consents history|withdraw` take a customer number, e-mail or name.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concord } from './support/run.ts';

const CUSTOMERS = [
  { id: '11111111-1111-4111-8111-000000000001', externalId: 'K-100', firstName: 'Anna', lastName: 'Meyer' },
  { id: '11111111-1111-4111-8111-000000000002', externalId: 'K-200', firstName: 'Anton', lastName: 'Meyer' },
];
const asked: string[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const input = JSON.parse(u.searchParams.get('input') ?? '{}');
    res.writeHead(200, { 'content-type': 'application/json' });
    if (u.pathname === '/trpc/customers.list') {
      // Like the node: exact customer number, or a name prefix.
      const q = String(input.search);
      const items = CUSTOMERS.filter(
        (c) =>
          c.externalId === q ||
          c.lastName.toLowerCase().startsWith(q.toLowerCase()) ||
          c.firstName.toLowerCase().startsWith(q.toLowerCase()),
      );
      res.end(JSON.stringify({ result: { data: { items, nextCursor: null } } }));
      return;
    }
    asked.push(input.customerId);
    res.end(JSON.stringify({ result: { data: [] } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const run = (argv: string[]) => concord([...argv, '--node', url]);

describe('customer references', () => {
  it('resolves a customer number, a unique name, or passes an id through', async () => {
    expect((await run(['consents', 'history', 'K-200'])).code).toBe(0);
    expect((await run(['consents', 'history', 'anna'])).code).toBe(0);
    expect((await run(['consents', 'history', CUSTOMERS[1]!.id])).code).toBe(0);
    expect(asked).toEqual([CUSTOMERS[1]!.id, CUSTOMERS[0]!.id, CUSTOMERS[1]!.id]);
  });

  it('refuses an ambiguous name, listing who it found, and an unknown one', async () => {
    const ambiguous = await run(['consents', 'history', 'Meyer']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(
      '"Meyer" matches several customers: K-100 (Anna Meyer), K-200 (Anton Meyer)',
    );
    const unknown = await run(['consents', 'withdraw', 'K-999']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no customer matches "K-999"');
  });
});
