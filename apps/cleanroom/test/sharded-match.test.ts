// The clean room with its token data sharded over two PostgreSQL servers (a second local cluster created for the
// test, plus another database on the main server) answers exactly as a single-server clean room: the same
// cross-sell lists, the same removals after a withdrawal, and both equal to an independent expectation.
import { randomBytes } from 'node:crypto';
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import { outputOfKind } from '@concord/protocol/contract/matches';
import { ConcordError } from '@concord/protocol/errors';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenTableName } from '../src/ingest/token-table.ts';
import { parseShardUrl } from '../src/shard/servers.ts';
import {
  addPartner,
  newSecret,
  type Person,
  type Published,
  publish,
  startTestCleanroom,
  type TestCleanroom,
  type TestPartner,
  wrapSecret,
} from './helpers.ts';
import { canCreateClusters, createLocalCluster, type LocalCluster } from './local-cluster.ts';

const PURPOSE = 'marketing.cross_sell.partner_offers';
const N = 1500;

// People vary by which identifiers they have; A holds persons 0..N-1, B persons N/2..N/2+N-1 (half overlap).
function person(i: number): Person {
  const withEmail = i % 5 !== 0;
  const withPhone = i % 3 === 0 || !withEmail;
  return {
    ...(withEmail ? { email: `p${i}@example.org` } : {}),
    ...(withPhone ? { phone: `+4930${String(1_000_000 + i)}` } : {}),
    mask: 1,
  };
}
const range = (a: number, n: number) => Array.from({ length: n }, (_, k) => a + k);
const peopleA = range(0, N).map(person);
const peopleB = range(N / 2, N).map(person);
const idsA = peopleA.map(() => randomBytes(16).toString('hex'));
const idsB = peopleB.map(() => randomBytes(16).toString('hex'));

interface Federation {
  cr: TestCleanroom;
  a: TestPartner;
  b: TestPartner;
  collabId: string;
  pubA: Published;
  pubB: Published;
}

async function federation(label: string, shards: string[]): Promise<Federation> {
  const cr = await startTestCleanroom(label, { shards });
  const a = await addPartner(cr, 'Acme Bank', 'bank');
  const b = await addPartner(cr, 'Bolt Insurance', 'insurance');
  const secret = newSecret();
  const proposed = await a.client.proposeCollaboration({
    name: 'Sharded',
    memberIds: [b.id],
    purposes: [PURPOSE],
    policy: { kMin: 2, crossSellLists: true, referralLists: true, epsilonBudget: 5, minSegmentSize: 2 },
    tokenMode: 'hmac',
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    wrappedSecrets: [a, b].map((p) => wrapSecret(secret, p.id, p.publicKey)),
    officer: 'officer-a',
  });
  const collabId = proposed.collaboration.id;
  await b.client.approveCollaboration({ collaborationId: collabId });
  const pubA = await publish(a, collabId, secret, 'a', peopleA, { memberIds: idsA, batchSize: 400 });
  const pubB = await publish(b, collabId, secret, 'b', peopleB, { memberIds: idsB, batchSize: 400 });
  return { cr, a, b, collabId, pubA, pubB };
}

async function crossSellList(f: Federation): Promise<string[]> {
  const out = await f.b.client.requestMatch({
    collaborationId: f.collabId,
    requesterPublicationId: f.pubB.publicationId,
    partnerPublicationIds: [f.pubA.publicationId],
    purpose: PURPOSE,
    kind: 'cross_sell_list',
  });
  const { listId } = outputOfKind(out, 'cross_sell_list').list;
  const members: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await f.b.client.fetchList({ listId, limit: 500, ...(cursor ? { cursor } : {}) });
    members.push(...page.memberIds);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return members.sort();
}

/** B's members matched by A's remaining people, computed from the generated data alone. */
function expectedList(removedA: Set<number>): string[] {
  const keys = new Set<string>();
  for (const [i, p] of peopleA.entries()) {
    if (removedA.has(i)) continue;
    if (p.email) keys.add(`e:${p.email}`);
    if (p.phone) keys.add(`p:${p.phone}`);
  }
  return peopleB
    .flatMap((p, i) =>
      (p.email && keys.has(`e:${p.email}`)) || (p.phone && keys.has(`p:${p.phone}`)) ? [idsB[i]] : [],
    )
    .map(String)
    .sort();
}

const enabled = Boolean(testServerUrl()) && canCreateClusters();

describe('shard configuration', () => {
  it('reads a shard URL and refuses what is not one, without echoing a password', () => {
    expect(parseShardUrl('postgres://concord:s3cret@db-2.internal:6432/tokens')).toEqual({
      host: 'db-2.internal',
      port: 6432,
      dbname: 'tokens',
      user: 'concord',
      password: 's3cret',
    });
    expect(parseShardUrl('postgresql://db-3/tokens')).toMatchObject({ port: 5432, user: 'postgres' });
    for (const bad of ['db-2:5432/tokens', 'mysql://u@h/db', 'postgres://u:pw@h:5432/']) {
      let error: unknown;
      try {
        parseShardUrl(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConcordError);
      expect((error as ConcordError).code).toBe('BAD_INPUT');
      expect((error as Error).message).not.toContain('pw');
    }
  });
});

describe.runIf(enabled)('a clean room sharded over two Postgres servers', () => {
  let cluster: LocalCluster;
  let localShard: string;
  let single: Federation;
  let sharded: Federation;

  beforeAll(async () => {
    cluster = await createLocalCluster(`concord_shard_${process.pid}`);
    const remoteShard = await cluster.database('concord_shard');
    localShard = await createTestDatabaseUrl('shard_local');
    single = await federation('shard_single', []);
    sharded = await federation('shard_coord', [remoteShard, localShard]);
  }, 600_000);

  afterAll(async () => {
    await single?.cr.stop();
    await sharded?.cr.stop();
    if (localShard) await dropTestDatabase(localShard);
    cluster?.drop();
  }, 120_000);

  it('keeps the token rows on the shard servers, partitioned by token prefix', async () => {
    const db = sharded.cr.service.db;
    const table = tokenTableName(sharded.pubA.versionId);
    const parts = await sql<{ server: string; n: number }>`
      select s.srvname as server, count(*)::int as n
      from pg_inherits i join pg_foreign_table f on f.ftrelid = i.inhrelid
      join pg_foreign_server s on s.oid = f.ftserver
      where i.inhparent = to_regclass(${table}) group by s.srvname order by 1`.execute(db);
    expect(parts.rows).toEqual([
      { server: 'concord_shard_0', n: 4 },
      { server: 'concord_shard_1', n: 4 },
    ]);
    const local = await sql<{ n: number }>`select count(*)::int as n from only ${sql.table(table)}`.execute(
      db,
    );
    expect(local.rows[0]?.n).toBe(0);
    const total = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
    const records = peopleA.reduce((n, p) => n + (p.email ? 1 : 0) + (p.phone ? 1 : 0), 0);
    expect(total.rows[0]?.n).toBe(records);
    // Without shards configured (the only difference), the same version is one local table.
    const plain = tokenTableName(single.pubA.versionId);
    const own = await sql<{ n: number }>`select count(*)::int as n from only ${sql.table(plain)}`.execute(
      single.cr.service.db,
    );
    expect(own.rows[0]?.n).toBe(records);
  });

  it('delivers exactly the single-server cross-sell list', async () => {
    const expected = expectedList(new Set());
    expect(expected.length).toBeGreaterThan(N / 4);
    expect(await crossSellList(single)).toEqual(expected);
    expect(await crossSellList(sharded)).toEqual(expected);
  });

  it('applies a withdrawal delta on the shards and answers the same afterwards', async () => {
    const removed = new Set(range(N / 2, 40));
    for (const f of [single, sharded]) {
      await f.a.client.sendDeltas({
        publicationId: f.pubA.publicationId,
        removeMemberIds: [...removed].map((i) => idsA[i] as string),
      });
    }
    const expected = expectedList(removed);
    expect(await crossSellList(sharded)).toEqual(expected);
    expect(await crossSellList(single)).toEqual(expected);
  });
});
