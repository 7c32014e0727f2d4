// Issue 11 items 1 and 10: a credential-issuing call is exactly-once without keeping the credential (a replay of
// operator.addPartner / operator.rotateCredential answers ALREADY_ISSUED; a migration purges old replays), and
// the clean room refuses and purges compliance officers' emails (nodes send opaque user ids).
import { randomBytes } from 'node:crypto';
import { migrateToLatest } from '@concord/db';
import { createTestDatabase, dumpAllTables, secretsIn, type TestDatabase } from '@concord/db/testing';
import { WRAP_ALG } from '@concord/protocol/contract/collaborations';
import { silentLogger } from '@concord/service';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../src/api/context.ts';
import { appRouter } from '../src/api/router.ts';
import { createCallerFactory } from '../src/api/trpc.ts';
import type { Database } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { codeOf, OPERATOR_TOKEN, testConfig } from './helpers.ts';

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
  it('replaces stored credential replays with the marker and leaves other replays alone', {
    timeout: 180_000,
  }, async () => {
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
      expect(await migrateToLatest(old.db, migrations)).toContain('2026_11_30_1100_purge_issued_secrets');
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

describe('officer labels (no personal data at the clean room)', () => {
  it('refuses an email or a name as the officer of a proposal or an approval', async () => {
    const make = async (name: string) =>
      op(`add-officer-${name.replace(/\W/g, '')}`).operator.addPartner({
        name,
        industry: 'retail',
        publicKey: publicKey(),
      });
    const [p, q] = [await make('Officer One'), await make('Officer Two')];
    const proposal = {
      name: 'officer labels',
      memberIds: [q.partner.id],
      purposes: ['marketing.referral'],
      policy: {
        kMin: 5,
        crossSellLists: true,
        referralLists: true,
        epsilonBudget: 2,
        epsilonPerQuery: 0.5,
        minSegmentSize: 10,
        listTtlHours: 24,
        retentionDays: 30,
      },
      tokenMode: 'hmac' as const,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      wrappedSecrets: [p, q].map((x) => ({
        partnerId: x.partner.id,
        alg: WRAP_ALG,
        ephemeralPublicKey: publicKey(),
        nonce: randomBytes(24).toString('base64url'),
        ciphertext: randomBytes(48).toString('base64url'),
      })),
    };
    for (const officer of ['dpo@bank.example', 'Ada Lovelace']) {
      expect(
        await codeOf(
          as(p.credential, `propose-bad-${officer.length}`).collaborations.propose({ ...proposal, officer }),
        ),
      ).toBe('BAD_INPUT');
    }
    const userId = '3f2c9a1e-7d4b-4e8a-9c1f-0a2b3c4d5e6f';
    const proposed = await as(p.credential, 'propose-ok').collaborations.propose({
      ...proposal,
      officer: userId,
    });
    expect(
      await codeOf(
        as(q.credential, 'approve-bad').collaborations.approve({
          collaborationId: proposed.collaboration.id,
          officer: 'dpo@insurer.example',
        }),
      ),
    ).toBe('BAD_INPUT');
    const stored = await db.db
      .selectFrom('collaboration_members')
      .select('officer')
      .where('collaboration_id', '=', proposed.collaboration.id)
      .where('partner_id', '=', p.partner.id)
      .executeTakeFirstOrThrow();
    expect(stored.officer).toBe(userId);
  });

  it('migration 2026_11_30_1101_officer_labels replaces stored emails with the role label', {
    timeout: 180_000,
  }, async () => {
    const before = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => name < '2026_11_30_1101'),
    );
    const old = await createTestDatabase<Database>('cleanroom_officer_labels', before);
    try {
      const [partner] = await sql<{ id: string }>`
        insert into partners (name, industry, public_key, credential_hash, status)
        values ('Old', 'bank', ${new Uint8Array(32)}, ${new Uint8Array(32)}, 'active') returning id`
        .execute(old.db)
        .then((r) => r.rows);
      const [collab] = await sql<{ id: string }>`
        insert into collaborations (name, proposer_id, purposes, policy, token_mode, status, expires_at, created_at)
        values ('c', ${partner!.id}, '[]'::jsonb, '{}'::jsonb, 'hmac', 'pending', now() + interval '1 day', now())
        returning id`
        .execute(old.db)
        .then((r) => r.rows);
      for (const officer of ['dpo@bank.example', 'user-7', '']) {
        const [p] = await sql<{ id: string }>`
          insert into partners (name, industry, public_key, credential_hash, status)
          values (${`P ${officer}`}, 'bank', ${new Uint8Array(32)}, ${randomBytes(32)}, 'active') returning id`
          .execute(old.db)
          .then((r) => r.rows);
        await sql`insert into collaboration_members (collaboration_id, partner_id, status, officer, wrapped_secret)
                  values (${collab!.id}, ${p!.id}, 'pending', ${officer}, '{}'::jsonb)`.execute(old.db);
      }
      await migrateToLatest(old.db, migrations);
      const rows = await sql<{ officer: string }>`
        select officer from collaboration_members order by officer`.execute(old.db);
      expect(rows.rows.map((r) => r.officer)).toEqual(['', 'compliance', 'user-7']);
    } finally {
      await old.destroy();
    }
  });
});
