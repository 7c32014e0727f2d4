// Issue 11 item 1: a credential-issuing call is exactly-once without keeping the credential. A replay of
// operator.addPartner / operator.rotateCredential answers ALREADY_ISSUED, and the migration purges old replays.
import { randomBytes } from 'node:crypto';
import { migrateToLatest } from '@concord/db';
import { createTestDatabase, dumpAllTables, secretsIn, type TestDatabase } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import { concordCodeOf } from '@concord/service/trpc';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../src/api/context.ts';
import { appRouter } from '../src/api/router.ts';
import { createCallerFactory } from '../src/api/trpc.ts';
import type { Database } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { OPERATOR_TOKEN, testConfig } from './helpers.ts';

let db: TestDatabase<Database>;
const factory = createCallerFactory(appRouter);
const as = (bearer: string, idempotencyKey: string) =>
  factory(
    createInnerContext({
      db: db.db,
      config: testConfig(undefined),
      logger: silentLogger(),
      bearer,
      idempotencyKey,
    }),
  );
const op = (key: string) => as(OPERATOR_TOKEN, key);
const publicKey = () => randomBytes(32).toString('base64url');

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return concordCodeOf(e);
  }
}

beforeAll(async () => {
  db = await createTestDatabase<Database>('cleanroom_issued_secrets', migrations);
});
afterAll(() => db?.destroy());

describe('credential-issuing replays', () => {
  it('addPartner: the replay answers ALREADY_ISSUED, registers nobody twice and stores no credential', async () => {
    const input = { name: 'Replay Bank', industry: 'bank', publicKey: publicKey() };
    const first = await op('add-replay-0001').operator.addPartner(input);
    expect(await codeOf(op('add-replay-0001').operator.addPartner(input))).toBe('ALREADY_ISSUED');
    // A different body under the same key is still a mismatch, not a replay.
    expect(await codeOf(op('add-replay-0001').operator.addPartner({ ...input, name: 'Other' }))).toBe(
      'IDEMPOTENCY_MISMATCH',
    );
    const partners = await db.db
      .selectFrom('partners')
      .select('id')
      .where('name', '=', 'Replay Bank')
      .execute();
    expect(partners.map((p) => p.id)).toEqual([first.partner.id]);
    // The issued credential works: the change happened once, only the response was not kept.
    const me = await as(first.credential, 'whoami-0001').partners.whoami();
    expect(me.partner.id).toBe(first.partner.id);
    expect(secretsIn(await dumpAllTables(db.db), { credential: first.credential })).toEqual([]);
  });

  it('rotateCredential: the replay answers ALREADY_ISSUED and does not rotate again', async () => {
    const added = await op('add-rotate-0001').operator.addPartner({
      name: 'Rotating Insurer',
      industry: 'insurance',
      publicKey: publicKey(),
    });
    const rotated = await op('rotate-0001').operator.rotateCredential({ partnerId: added.partner.id });
    expect(await codeOf(op('rotate-0001').operator.rotateCredential({ partnerId: added.partner.id }))).toBe(
      'ALREADY_ISSUED',
    );
    // Still the credential from the one rotation (a second rotation would have invalidated it).
    expect((await as(rotated.credential, 'whoami-0002').partners.whoami()).partner.id).toBe(added.partner.id);
    expect(await codeOf(as(added.credential, 'whoami-0003').partners.whoami())).toBe('UNAUTHENTICATED');
    const dump = await dumpAllTables(db.db);
    expect(secretsIn(dump, { added: added.credential, rotated: rotated.credential })).toEqual([]);
  });
});

describe('migration 2026_11_30_1100_purge_issued_secrets', () => {
  it('replaces stored credential replays with the marker and leaves other replays alone', async () => {
    const before = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => name < '2026_11_30_1100'),
    );
    const old = await createTestDatabase<Database>('cleanroom_purge_secrets', before);
    try {
      const leaked = `crc_${randomBytes(24).toString('base64url')}`;
      const rows = [
        ['operator.addPartner', { partner: { id: 'p1' }, credential: leaked }],
        ['operator.rotateCredential', { partnerId: 'p1', credential: `${leaked}-2` }],
        ['operator.setPartnerStatus', { partner: { id: 'p1', status: 'disabled' } }],
      ] as const;
      for (const [i, [path, response]] of rows.entries()) {
        await old.db
          .insertInto('idempotency_keys')
          .values({
            owner: 'operator',
            key: `old-key-000${i}`,
            path,
            request_hash: new Uint8Array(32),
            response: JSON.stringify(response),
          })
          .execute();
      }
      expect(secretsIn(await dumpAllTables(old.db), { leaked })).toEqual(['leaked']);
      expect(await migrateToLatest(old.db, migrations)).toEqual(['2026_11_30_1100_purge_issued_secrets']);
      expect(secretsIn(await dumpAllTables(old.db), { leaked })).toEqual([]);
      const after = await sql<{ path: string; response: unknown }>`
        select path, response from idempotency_keys order by key`.execute(old.db);
      expect(after.rows).toEqual([
        { path: 'operator.addPartner', response: { $secretIssued: true } },
        { path: 'operator.rotateCredential', response: { $secretIssued: true } },
        { path: 'operator.setPartnerStatus', response: rows[2][1] },
      ]);
    } finally {
      await old.destroy();
    }
  });
});
