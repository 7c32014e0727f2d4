// Authorization matrix of every CRM procedure: each role (and no session) is either let through or refused
// with the exact code. "Let through" means the call succeeded or, past the CASL check, missed the placeholder
// id (NOT_FOUND).
import type { TestDatabase } from '@concord/db/testing';
import { concordCodeOf } from '@concord/service/trpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { callerAs, openTestDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
beforeAll(async () => {
  tdb = await openTestDb('crm_authz');
});
afterAll(() => tdb.destroy());

const ID = '00000000-0000-4000-8000-000000000999';
const RULE = { type: 'has_identifier', kind: 'email' } as const;
type Caller = ReturnType<typeof callerAs>;
type Who = 'admin' | 'compliance' | 'marketer';

const MATRIX: Array<[string, (c: Caller) => Promise<unknown>, Who[]]> = [
  ['customers.list', (c) => c.customers.list({}), ['admin', 'compliance', 'marketer']],
  ['customers.get', (c) => c.customers.get({ id: ID }), ['admin', 'compliance', 'marketer']],
  [
    'customers.timeline',
    (c) => c.customers.timeline({ customerId: ID }),
    ['admin', 'compliance', 'marketer'],
  ],
  ['customers.create', (c) => c.customers.create({ externalId: `authz-${Math.random()}` }), ['admin']],
  ['customers.update', (c) => c.customers.update({ id: ID, patch: {} }), ['admin']],
  ['customers.delete', (c) => c.customers.delete({ id: ID }), ['admin']],
  ['customers.restore', (c) => c.customers.restore({ id: ID }), ['admin']],
  [
    'interactions.log',
    (c) => c.interactions.log({ customerId: ID, kind: 'contact', occurredAt: new Date() }),
    ['marketer'],
  ],
  ['interactions.update', (c) => c.interactions.update({ id: ID, patch: {} }), ['marketer']],
  ['interactions.delete', (c) => c.interactions.delete({ id: ID }), ['marketer']],
  ['interactions.restore', (c) => c.interactions.restore({ id: ID }), ['marketer']],
  ['followups.list', (c) => c.followups.list({}), ['admin', 'marketer']],
  ['followups.overdue', (c) => c.followups.overdue({}), ['admin', 'marketer']],
  ['followups.create', (c) => c.followups.create({ customerId: ID, dueDate: '2026-12-01' }), ['marketer']],
  ['followups.update', (c) => c.followups.update({ id: ID, patch: { status: 'done' } }), ['marketer']],
  ['imports.list', (c) => c.imports.list({}), ['admin']],
  ['imports.get', (c) => c.imports.get({ id: ID }), ['admin']],
  ['imports.errors', (c) => c.imports.errors({ id: ID }), ['admin']],
  ['segments.preview', (c) => c.segments.preview({ rule: RULE }), ['compliance', 'marketer']],
  ['segments.list', (c) => c.segments.list(), ['compliance', 'marketer']],
  ['segments.get', (c) => c.segments.get({ id: ID }), ['compliance', 'marketer']],
  ['segments.create', (c) => c.segments.create({ name: 'x', rule: RULE }), ['marketer']],
  ['segments.update', (c) => c.segments.update({ id: ID, patch: { name: 'y' } }), ['marketer']],
  ['segments.delete', (c) => c.segments.delete({ id: ID }), ['marketer']],
  ['segments.restore', (c) => c.segments.restore({ id: ID }), ['marketer']],
  ['segments.materialize', (c) => c.segments.materialize({ id: ID }), ['marketer']],
  ['segments.members', (c) => c.segments.members({ id: ID }), ['compliance', 'marketer']],
  [
    'analytics.purchaseBreakdown',
    (c) => c.analytics.purchaseBreakdown({ dimension: 'category' }),
    ['marketer'],
  ],
  ['analytics.rfm', (c) => c.analytics.rfm({}), ['marketer']],
  ['analytics.customerTrend', (c) => c.analytics.customerTrend({}), ['marketer']],
];

async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return concordCodeOf(error) ?? 'unknown';
  }
}

describe('CRM authorization matrix', () => {
  for (const [name, call, allowed] of MATRIX) {
    it(name, async () => {
      expect(await outcome(call(callerAs(tdb.db, null)))).toBe('UNAUTHENTICATED');
      for (const role of ['admin', 'compliance', 'marketer'] as const) {
        const result = await outcome(call(callerAs(tdb.db, role)));
        // Allowed calls either succeed or miss the placeholder id; anything else (INTERNAL) is a bug.
        const expected = allowed.includes(role) ? (result === 'ok' ? 'ok' : 'NOT_FOUND') : 'FORBIDDEN';
        expect([role, result]).toEqual([role, expected]);
      }
    });
  }
});
