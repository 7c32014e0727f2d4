// Retention and expiry with a controllable clock (createCaller, no HTTP): lists, published versions, abandoned
// uploads and whole collaborations expire; the sweep deletes their data; expired things answer EXPIRED.
import { randomBytes, randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@concord/db/testing';
import { ID_WIRE_CODES } from '@concord/identity';
import { BatchWriter } from '@concord/protocol/batch';
import { outputOfKind } from '@concord/protocol/contract/matches';
import { silentLogger } from '@concord/service';
import { codeOf } from '@concord/service/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../src/api/context.ts';
import { appRouter } from '../src/api/router.ts';
import { createCallerFactory } from '../src/api/trpc.ts';
import type { Database } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { storeBatch } from '../src/ingest/batches.ts';
import { tokenTableName } from '../src/ingest/token-table.ts';
import { OPERATOR_TOKEN, testConfig } from './helpers.ts';

const DAY = 86_400_000;
let db: TestDatabase<Database>;
let now = new Date('2026-12-01T00:00:00.000Z');
const factory = createCallerFactory(appRouter);
const caller = (bearer: string | null, operatorToken: string | undefined = OPERATOR_TOKEN) =>
  factory(
    createInnerContext({
      db: db.db,
      config: testConfig(undefined, operatorToken ? { operatorToken } : {}),
      logger: silentLogger(),
      now: () => now,
      bearer,
      idempotencyKey: randomUUID(),
    }),
  );
const op = () => caller(OPERATOR_TOKEN);

const envelope = (partnerId: string) => ({
  partnerId,
  alg: 'X25519-HKDF-SHA256-XChaCha20Poly1305' as const,
  ephemeralPublicKey: randomBytes(32).toString('base64url'),
  nonce: randomBytes(24).toString('base64url'),
  ciphertext: randomBytes(48).toString('base64url'),
});

function batch(persons: number[]): Uint8Array {
  const w = new BatchWriter();
  for (const p of persons) {
    const id = Buffer.alloc(16);
    id.writeUInt32BE(p + 1, 12);
    const token = Buffer.alloc(32);
    token.writeUInt32BE(p + 1, 0);
    w.push(id, ID_WIRE_CODES.email, token, 1);
  }
  return w.finish();
}

let a: { id: string; credential: string };
let b: { id: string; credential: string };
let collabId: string;

async function publish(who: { id: string; credential: string }, persons: number[], segmentKey = 'seg') {
  const begun = await caller(who.credential).publications.begin({
    collaborationId: collabId,
    segmentKey,
    name: 'S',
  });
  await storeBatch(
    { db: db.db },
    now,
    { id: who.id, name: 'x', industry: 'x' },
    begun.versionId,
    0,
    once(batch(persons)),
  );
  await caller(who.credential).publications.commit({
    versionId: begun.versionId,
    batchCount: 1,
    recordCount: persons.length,
  });
  return begun;
}

async function* once(bytes: Uint8Array) {
  yield bytes;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

beforeAll(async () => {
  db = await createTestDatabase<Database>('cleanroom_retention', migrations);
  for (const name of ['ret-a', 'ret-b']) {
    const out = await op().operator.addPartner({
      name,
      industry: 'retail',
      publicKey: randomBytes(32).toString('base64url'),
    });
    if (name === 'ret-a') a = { id: out.partner.id, credential: out.credential };
    else b = { id: out.partner.id, credential: out.credential };
  }
  const proposed = await caller(a.credential).collaborations.propose({
    name: 'short-lived',
    memberIds: [b.id],
    purposes: ['marketing.cross_sell.partner_offers'],
    policy: {
      kMin: 2,
      crossSellLists: true,
      referralLists: true,
      epsilonBudget: 1,
      minSegmentSize: 2,
      listTtlHours: 24,
      retentionDays: 3,
    },
    expiresAt: new Date(now.getTime() + 10 * DAY).toISOString(),
    wrappedSecrets: [envelope(a.id), envelope(b.id)],
  });
  collabId = proposed.collaboration.id;
  await caller(b.credential).collaborations.approve({ collaborationId: collabId });
});

afterAll(async () => {
  await db?.destroy();
});

const tableExists = async (versionId: string) =>
  (
    await sql<{
      n: number;
    }>`select count(*)::int8 as n from information_schema.tables where table_name = ${tokenTableName(versionId)}`.execute(
      db.db,
    )
  ).rows[0]!.n === 1;

describe('retention and expiry', () => {
  let pubA: { publicationId: string; versionId: string };
  let pubB: { publicationId: string; versionId: string };
  let listId: string;

  it('expires a delivered list after listTtlHours; the sweep deletes its member ids', async () => {
    pubA = await publish(a, range(20));
    pubB = await publish(
      b,
      range(30).map((i) => i + 10),
    );
    const out = await caller(a.credential).matches.request({
      collaborationId: collabId,
      requesterPublicationId: pubA.publicationId,
      partnerPublicationIds: [pubB.publicationId],
      purpose: 'marketing.cross_sell.partner_offers',
      kind: 'cross_sell_list',
    });
    listId = outputOfKind(out, 'cross_sell_list').list.listId;
    expect(outputOfKind(out, 'cross_sell_list').list.size).toBe(10);
    expect((await caller(a.credential).lists.fetch({ listId })).memberIds).toHaveLength(10);
    now = new Date(now.getTime() + 25 * 3_600_000);
    expect(await codeOf(caller(a.credential).lists.fetch({ listId }))).toBe('EXPIRED');
    const swept = await op().operator.sweep();
    expect(swept).toEqual({
      expiredCollaborations: 0,
      expiredVersions: 0,
      abandonedUploads: 0,
      expiredLists: 1,
    });
    const left = await db.db
      .selectFrom('list_member_blocks')
      .select('first_id')
      .where('list_id', '=', listId)
      .execute();
    expect(left).toHaveLength(0);
  });

  it('abandons an upload nobody committed within a day, leaving the live version alone', async () => {
    const begun = await caller(a.credential).publications.begin({
      collaborationId: collabId,
      segmentKey: 'seg',
      name: 'S',
    });
    expect(await tableExists(begun.versionId)).toBe(true);
    now = new Date(now.getTime() + 25 * 3_600_000);
    const swept = await op().operator.sweep();
    expect(swept.abandonedUploads).toBe(1);
    expect(await tableExists(begun.versionId)).toBe(false);
    const pubs = (await caller(a.credential).publications.list({ collaborationId: collabId })).publications;
    expect(pubs.find((p) => p.id === pubA.publicationId)?.liveVersion).toBe(1);
  });

  it('expires published versions after retentionDays: matching answers EXPIRED, the sweep drops the tokens', async () => {
    now = new Date(now.getTime() + 2 * DAY);
    const req = {
      collaborationId: collabId,
      requesterPublicationId: pubA.publicationId,
      partnerPublicationIds: [pubB.publicationId],
      purpose: 'marketing.cross_sell.partner_offers',
      kind: 'insight' as const,
    };
    expect(await codeOf(caller(a.credential).matches.request(req))).toBe('EXPIRED');
    const swept = await op().operator.sweep();
    expect(swept.expiredVersions).toBe(2);
    expect(await tableExists(pubA.versionId)).toBe(false);
    expect(await tableExists(pubB.versionId)).toBe(false);
    const pubs = (await caller(b.credential).publications.list({ collaborationId: collabId })).publications;
    expect(pubs.map((p) => p.liveVersion)).toEqual([null, null]);
    expect(await codeOf(caller(a.credential).matches.request(req))).toBe('CONFLICT');
  });

  it('expires the collaboration itself: EXPIRED for new work, then every member’s data and secret deleted', async () => {
    const fresh = await publish(a, range(5), 'late');
    now = new Date(now.getTime() + 7 * DAY);
    const view = await caller(a.credential).collaborations.get({ collaborationId: collabId });
    expect(view.collaboration.status).toBe('expired');
    expect(
      await codeOf(
        caller(a.credential).publications.begin({ collaborationId: collabId, segmentKey: 'x', name: 'X' }),
      ),
    ).toBe('EXPIRED');
    const swept = await op().operator.sweep();
    expect(swept.expiredCollaborations).toBe(1);
    expect(await tableExists(fresh.versionId)).toBe(false);
    const after = await caller(b.credential).collaborations.get({ collaborationId: collabId });
    expect(after.collaboration).toMatchObject({ status: 'expired', wrappedSecret: null });
    const events = await caller(b.credential).audit.events({ limit: 1000 });
    expect(events.events.map((e) => e.action)).toContain('collaboration.expired');
    expect((await op().operator.verifyAudit()).ok).toBe(true);
  });
});

describe('procedure guards', () => {
  it('requires an idempotency key on mutations and the operator token on operator calls', async () => {
    const noKey = factory(
      createInnerContext({
        db: db.db,
        config: testConfig(undefined),
        logger: silentLogger(),
        bearer: a.credential,
      }),
    );
    expect(await codeOf(noKey.collaborations.suspend({ collaborationId: collabId }))).toBe('BAD_INPUT');
    expect(await codeOf(caller(a.credential).operator.listPartners())).toBe('UNAUTHENTICATED');
    expect(await codeOf(caller(null).partners.whoami())).toBe('UNAUTHENTICATED');
    // A clean room started without an operator token refuses every operator call.
    const unset = factory(
      createInnerContext({
        db: db.db,
        config: { ...testConfig(undefined), operatorToken: undefined },
        logger: silentLogger(),
        bearer: OPERATOR_TOKEN,
      }),
    );
    expect(await codeOf(unset.operator.listPartners())).toBe('UNAUTHENTICATED');
  });
});
