// Shared test helpers for the CRM: a migrated database, callers per role, and CSV fixtures.
import { Readable } from 'node:stream';
import type { Role } from '@concord/access';
import { createTestDatabase, type TestDatabase } from '@concord/db/testing';
import { type RunningService, silentLogger, startHttpService } from '@concord/service';
import type { Kysely } from 'kysely';
import { createInnerContext } from '../../src/api/context.ts';
import { importUploadRoute } from '../../src/api/imports/upload-route.ts';
import { appRouter } from '../../src/api/router.ts';
import { createCallerFactory } from '../../src/api/trpc.ts';
import type { Database } from '../../src/db/database.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { NodeConfig } from '../../src/env.ts';

/** A fixed test user id ending in `suffix` (two hex digits). */
const uid = (suffix: string) => `00000000-0000-4000-8000-0000000000${suffix}`;

export const USERS = {
  admin: { id: uid('0a'), email: 'admin@bank.test', role: 'admin' },
  compliance: { id: uid('0c'), email: 'dpo@bank.test', role: 'compliance' },
  marketer: { id: uid('0d'), email: 'mia@bank.test', role: 'marketer' },
  marketer2: { id: uid('0e'), email: 'max@bank.test', role: 'marketer' },
  admin2: { id: uid('1a'), email: 'ops@bank.test', role: 'admin' },
  compliance2: { id: uid('1c'), email: 'dpo2@bank.test', role: 'compliance' },
} as const satisfies Record<string, { id: string; email: string; role: Role }>;

export function openTestDb(label: string): Promise<TestDatabase<Database>> {
  return createTestDatabase<Database>(label, migrations);
}

/** A tRPC caller acting as `user` (null = signed out), with an optional fixed clock. */
export function callerAs(db: TestDatabase<Database>['db'], user: keyof typeof USERS | null, now?: Date) {
  const config = NodeConfig.parse({ name: 'Bank', industry: 'bank' });
  return createCallerFactory(appRouter)(
    createInnerContext({
      db,
      config,
      logger: silentLogger(),
      user: user ? { ...USERS[user] } : null,
      ...(now ? { now: () => now } : {}),
    }),
  );
}

/** A CSV string as a stream of small chunks, so record boundaries fall inside chunks. */
export function csvStream(text: string, chunk = 97): Readable {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += chunk) parts.push(text.slice(i, i + chunk));
  return Readable.from(parts.map((p) => Buffer.from(p)));
}

/** The streaming import route alone on a local port (DE as default region), for the import API tests. */
export function startImportService(
  db: Kysely<Database>,
  opts: Pick<Parameters<typeof importUploadRoute>[0], 'batchSize' | 'authenticate'>,
): Promise<RunningService> {
  return startHttpService({
    service: 'test',
    version: '0',
    port: 0,
    logger: silentLogger(),
    routes: [
      importUploadRoute({ db, now: () => new Date(), logger: silentLogger(), defaultRegion: 'DE', ...opts }),
    ],
  });
}
