import type { TestDatabase } from '@concord/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/audit/log.ts';
import type { Database } from '../../src/db/database.ts';
import { caller, openDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
beforeAll(async () => {
  tdb = await openDb('audit');
});
afterAll(() => tdb.destroy());

const at = new Date('2026-11-22T10:00:00.123Z');

async function append(n: number) {
  for (let i = 0; i < n; i++) {
    await tdb.db.transaction().execute((trx) =>
      appendAudit(trx, {
        action: 'test.event',
        subjectType: 'Test',
        subjectId: `s-${i}`,
        actor: 'tester@bank.test',
        at,
        data: { i, nested: { b: [1, 'two', null], a: 'ä€' }, when: at },
      }),
    );
  }
}

async function reset() {
  await sql`delete from audit_event`.execute(tdb.db);
}

describe('audit chain', () => {
  it('chains events and verifies a clean log', async () => {
    await reset();
    await append(5);
    const result = await verifyAuditChain(tdb.db, { pageSize: 2 });
    expect(result).toMatchObject({ ok: true, events: 5, firstBroken: null });
    const last = await tdb.db
      .selectFrom('audit_event')
      .select('hash')
      .where('seq', '=', 5)
      .executeTakeFirstOrThrow();
    expect(result.head).toBe(Buffer.from(last.hash).toString('hex'));
    // Every event points at its predecessor's hash.
    const rows = await tdb.db
      .selectFrom('audit_event')
      .select(['seq', 'hash', 'prev_hash'])
      .orderBy('seq')
      .execute();
    for (let i = 1; i < rows.length; i++) {
      expect(Buffer.from(rows[i]!.prev_hash).equals(Buffer.from(rows[i - 1]!.hash))).toBe(true);
    }
  });

  it('names the edited event when a row is changed in place', async () => {
    await reset();
    await append(6);
    await sql`update audit_event set data = jsonb_set(data, '{i}', '99') where seq = 4`.execute(tdb.db);
    expect(await verifyAuditChain(tdb.db)).toMatchObject({
      ok: false,
      events: 3,
      firstBroken: { seq: 4, reason: 'hash_mismatch' },
    });
  });

  it('detects edits of every column', async () => {
    for (const set of [
      sql`at = at + interval '1 second'`,
      sql`actor = 'someone@else.test'`,
      sql`actor_id = 'x'`,
      sql`action = 'test.other'`,
      sql`subject_type = 'Other'`,
      sql`subject_id = null`,
    ]) {
      await reset();
      await append(3);
      await sql`update audit_event set ${set} where seq = 2`.execute(tdb.db);
      const r = await verifyAuditChain(tdb.db);
      expect(r.firstBroken).toEqual({ seq: 2, reason: 'hash_mismatch' });
    }
  });

  it('names the next event when an edited row was re-hashed', async () => {
    await reset();
    await append(4);
    await sql`update audit_event set hash = sha256(hash) where seq = 2`.execute(tdb.db);
    expect((await verifyAuditChain(tdb.db)).firstBroken).toEqual({ seq: 2, reason: 'hash_mismatch' });
    // A forger who also fixes the hash of the row still breaks the link to the next one.
    await reset();
    await append(4);
    const row2 = await tdb.db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    const { auditHash } = await import('../../src/audit/log.ts');
    const forged = { ...row2.data, i: 1000 };
    const newHash = auditHash(new Uint8Array(row2.prev_hash), {
      seq: 2,
      at: row2.at,
      actorId: row2.actor_id,
      actor: row2.actor,
      action: row2.action,
      subjectType: row2.subject_type,
      subjectId: row2.subject_id,
      data: forged,
    });
    await sql`update audit_event set data = ${JSON.stringify(forged)}::jsonb, hash = ${newHash} where seq = 2`.execute(
      tdb.db,
    );
    expect((await verifyAuditChain(tdb.db)).firstBroken).toEqual({ seq: 3, reason: 'prev_hash_mismatch' });
  });

  it('names a deleted event', async () => {
    await reset();
    await append(5);
    await sql`delete from audit_event where seq = 3`.execute(tdb.db);
    expect((await verifyAuditChain(tdb.db)).firstBroken).toEqual({ seq: 3, reason: 'missing_event' });
  });

  it('chains concurrent appends without forks', async () => {
    await reset();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        tdb.db
          .transaction()
          .execute((trx) => appendAudit(trx, { action: 'c', subjectType: 'T', actor: `a${i}` })),
      ),
    );
    expect(await verifyAuditChain(tdb.db)).toMatchObject({ ok: true, events: 12 });
  });

  it('rolls back with the transaction that failed', async () => {
    await reset();
    await append(1);
    await expect(
      tdb.db.transaction().execute(async (trx) => {
        await appendAudit(trx, { action: 'doomed', subjectType: 'T', actor: 'x' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const n = await tdb.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('is verified through audit.verify for compliance (concord audit verify)', async () => {
    await reset();
    await append(2);
    await expect(caller(tdb.db, 'compliance').audit.verify()).resolves.toMatchObject({ ok: true, events: 2 });
    await sql`update audit_event set actor = 'mallory' where seq = 1`.execute(tdb.db);
    await expect(caller(tdb.db, 'compliance').audit.verify()).resolves.toMatchObject({
      ok: false,
      firstBroken: { seq: 1, reason: 'hash_mismatch' },
    });
  });
});
