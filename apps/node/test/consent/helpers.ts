// Test helpers for consent, auth and audit: a migrated database, callers per role, customers and rules.
import type { Role } from '@concord/access';
import { createTestDatabase, type TestDatabase } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import type { Kysely } from 'kysely';
import { createInnerContext, type HttpBits } from '../../src/api/context.ts';
import { appRouter } from '../../src/api/router.ts';
import { createCallerFactory } from '../../src/api/trpc.ts';
import type { Database } from '../../src/db/database.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { NodeConfig } from '../../src/env.ts';

export const PEOPLE = {
  admin: { id: '10000000-0000-4000-8000-00000000000a', email: 'admin@bank.test', role: 'admin' },
  compliance: { id: '10000000-0000-4000-8000-00000000000c', email: 'dpo@bank.test', role: 'compliance' },
  marketer: { id: '10000000-0000-4000-8000-00000000000d', email: 'mia@bank.test', role: 'marketer' },
} as const satisfies Record<Role, { id: string; email: string; role: Role }>;

export const config = NodeConfig.parse({ name: 'Bank', industry: 'bank' });

export function openDb(label: string): Promise<TestDatabase<Database>> {
  return createTestDatabase<Database>(label, migrations);
}

export function caller(db: Kysely<Database>, who: Role | null, opts: { now?: Date; http?: HttpBits } = {}) {
  return createCallerFactory(appRouter)({
    ...createInnerContext({
      db,
      config,
      logger: silentLogger(),
      user: who ? { ...PEOPLE[who] } : null,
      ...(opts.now ? { now: () => opts.now! } : {}),
    }),
    ...(opts.http ? { http: opts.http } : {}),
  });
}

/** Inserts customers with external ids `prefix-0..n-1`; returns their ids in order. */
export async function makeCustomers(db: Kysely<Database>, n: number, prefix = 'c'): Promise<string[]> {
  const rows = await db
    .insertInto('customer')
    .values(Array.from({ length: n }, (_, i) => ({ external_id: `${prefix}-${i}` })))
    .returning(['id', 'external_id'])
    .execute();
  const byExt = new Map(rows.map((r) => [r.external_id, r.id]));
  return Array.from({ length: n }, (_, i) => byExt.get(`${prefix}-${i}`)!);
}

export const DAY = 86_400_000;
