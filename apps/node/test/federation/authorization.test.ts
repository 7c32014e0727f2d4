// Authorization matrix of the federation procedures: every procedure × role → allowed (and what it then does
// without a clean room) or FORBIDDEN; anonymous callers get UNAUTHENTICATED.
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import { concordCodeOf } from '@concord/service/trpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext, type SessionUser } from '../../src/api/context.ts';
import { appRouter } from '../../src/api/router.ts';
import { createCallerFactory } from '../../src/api/trpc.ts';
import type { Database } from '../../src/db/database.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { NodeConfig } from '../../src/env.ts';

let tdb: TestDatabase<Database>;
beforeAll(async () => {
  tdb = await createTestDatabase<Database>('collab_authz', migrations);
});
afterAll(() => tdb.destroy());

const makeCaller = createCallerFactory(appRouter);
type Caller = ReturnType<typeof makeCaller>;
const id = randomUUID();
const PROCEDURES: Record<string, (c: Caller) => Promise<unknown>> = {
  'collaborations.list': (c) => c.collaborations.list(),
  'collaborations.get': (c) => c.collaborations.get({ collaborationId: id }),
  'collaborations.partners': (c) => c.collaborations.partners(),
  'collaborations.propose': (c) =>
    c.collaborations.propose({
      name: 'x',
      partnerIds: [id],
      purposes: ['marketing.cross_sell.partner_offers'],
      policy: { kMin: 5, crossSellLists: true, referralLists: false, epsilonBudget: 1 },
      expiresAt: new Date(Date.now() + 86_400_000),
    }),
  'collaborations.approve': (c) => c.collaborations.approve({ collaborationId: id }),
  'collaborations.change': (c) => c.collaborations.change({ collaborationId: id, action: 'suspend' }),
  'publications.publish': (c) => c.publications.publish({ collaborationId: id, segmentId: id }),
  'publications.list': (c) => c.publications.list({}),
  'publications.partners': (c) => c.publications.partners({ collaborationId: id }),
  'publications.withdrawals': (c) => c.publications.withdrawals({}),
  'matches.request': (c) =>
    c.matches.request({
      collaborationId: id,
      kind: 'insight',
      purpose: 'marketing.cross_sell.partner_offers',
      publicationId: id,
      partnerPublicationIds: [id],
    }),
  'matches.list': (c) => c.matches.list({}),
  'lists.delivered': (c) => c.lists.delivered({}),
  'lists.fetch': (c) => c.lists.fetch({ listId: id }),
  'lists.list': (c) => c.lists.list(),
  'lists.members': (c) => c.lists.members({ listId: id }),
  'lists.export': (c) => c.lists.export({ listId: id }),
};

// Outcome when allowed, on a node without a clean room and with no data: 'ok', or the domain's code.
const ALLOWED: Record<string, string> = {
  'collaborations.list': 'ok',
  'collaborations.get': 'UNAVAILABLE',
  'collaborations.partners': 'UNAVAILABLE',
  'collaborations.propose': 'UNAVAILABLE',
  'collaborations.approve': 'UNAVAILABLE',
  'collaborations.change': 'UNAVAILABLE',
  'publications.publish': 'UNAVAILABLE',
  'publications.list': 'ok',
  'publications.partners': 'UNAVAILABLE',
  'publications.withdrawals': 'ok',
  'matches.request': 'UNAVAILABLE',
  'matches.list': 'ok',
  'lists.delivered': 'UNAVAILABLE',
  'lists.fetch': 'UNAVAILABLE',
  'lists.list': 'ok',
  'lists.members': 'NOT_FOUND',
  'lists.export': 'NOT_FOUND',
};

const WHO_MAY: Record<string, Array<SessionUser['role']>> = {
  'collaborations.list': ['compliance', 'marketer'],
  'collaborations.get': ['compliance', 'marketer'],
  'collaborations.partners': ['compliance', 'marketer'],
  'collaborations.propose': ['compliance'],
  'collaborations.approve': ['compliance'],
  'collaborations.change': ['compliance'],
  'publications.publish': ['marketer'],
  'publications.list': ['compliance', 'marketer'],
  'publications.partners': ['compliance', 'marketer'],
  'publications.withdrawals': ['compliance', 'marketer'],
  'matches.request': ['marketer'],
  'matches.list': ['compliance', 'marketer'],
  'lists.delivered': ['compliance', 'marketer'],
  'lists.fetch': ['marketer'],
  'lists.list': ['compliance', 'marketer'],
  'lists.members': ['compliance', 'marketer'],
  'lists.export': ['marketer'],
};

function callerFor(user: SessionUser | null): Caller {
  const config = NodeConfig.parse({ name: 'Node', industry: 'bank' });
  return makeCaller(createInnerContext({ db: tdb.db, config, logger: silentLogger(), user }));
}

async function outcome(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (error) {
    return concordCodeOf(error) ?? 'unknown';
  }
}

describe('federation procedures × roles', () => {
  for (const role of ['admin', 'compliance', 'marketer'] as const) {
    it(`${role}`, async () => {
      const caller = callerFor({ id: randomUUID(), email: `${role}@node.test`, role });
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const [name, call] of Object.entries(PROCEDURES)) {
        got[name] = await outcome(() => call(caller));
        want[name] = WHO_MAY[name]?.includes(role) ? (ALLOWED[name] as string) : 'FORBIDDEN';
      }
      expect(got).toEqual(want);
    });
  }

  it('anonymous callers are UNAUTHENTICATED everywhere', async () => {
    const caller = callerFor(null);
    for (const call of Object.values(PROCEDURES))
      expect(await outcome(() => call(caller))).toBe('UNAUTHENTICATED');
  });
});
