// Issue 11 item 11: compliance exports the audit log bound to the chain head; the export verifies offline,
// every tampering is named, the export is itself recorded in the chain, and only compliance may export.
import type { TestDatabase } from '@concord/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditExport, verifyAuditExport } from '../../src/audit/export.ts';
import { appendAudit, verifyAuditChain } from '../../src/audit/log.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { caller, openDb, PEOPLE } from './helpers.ts';

let tdb: TestDatabase<Database>;
const at = new Date('2026-11-22T10:00:00.123Z');
const now = new Date('2026-11-23T08:00:00.000Z');

beforeAll(async () => {
  tdb = await openDb('audit_export');
  for (let i = 0; i < 7; i++) {
    await tdb.db.transaction().execute((trx) =>
      appendAudit(trx, {
        action: i % 2 ? 'consent.recorded' : 'rule.set',
        subjectType: 'Test',
        subjectId: `s-${i}`,
        actor: 'dpo@bank.test',
        at: new Date(at.getTime() + i * 1000),
        data: { i, nested: { b: [1, 'two', null], a: 'ä€' } },
      }),
    );
  }
});
afterAll(() => tdb.destroy());

const compliance = () => caller(tdb.db, 'compliance', { now });
const clone = (x: AuditExport): AuditExport => JSON.parse(JSON.stringify(x)) as AuditExport;

describe('audit.export', () => {
  it('exports the chain bound to its head, and the export verifies without the node', async () => {
    const bundle = await compliance().audit.export();
    expect(bundle).toMatchObject({ fromSeq: 1, toSeq: 7, prevHash: '0'.repeat(64), node: 'Bank' });
    expect(bundle.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // The head is the live chain's hash of event 7, as audit.verify would have reported it then.
    const row7 = await tdb.db
      .selectFrom('audit_event')
      .select('hash')
      .where('seq', '=', 7)
      .executeTakeFirstOrThrow();
    expect(bundle.head).toBe(Buffer.from(row7.hash).toString('hex'));
    expect(verifyAuditExport(clone(bundle))).toEqual({ ok: true, events: 7, firstBroken: null });
  });

  it('names the first tampered event, a dropped event, and a substituted head', async () => {
    const bundle = await compliance().audit.export({ fromSeq: 1, limit: 7 });
    const edited = clone(bundle);
    edited.events[3]!.data = { ...edited.events[3]!.data, i: 99 };
    expect(verifyAuditExport(edited).firstBroken).toEqual({ seq: 4, reason: 'hash_mismatch' });
    const reactor = clone(bundle);
    reactor.events[5]!.actor = 'someone@else.test';
    expect(verifyAuditExport(reactor).firstBroken).toEqual({ seq: 6, reason: 'hash_mismatch' });
    const dropped = clone(bundle);
    dropped.events.splice(2, 1);
    expect(verifyAuditExport(dropped).firstBroken).toEqual({ seq: 3, reason: 'missing_event' });
    const truncated = clone(bundle);
    truncated.events.pop();
    expect(verifyAuditExport(truncated).firstBroken).toEqual({ seq: 7, reason: 'head_mismatch' });
    const otherHead = clone(bundle);
    otherHead.head = 'ab'.repeat(32);
    expect(verifyAuditExport(otherHead).firstBroken).toEqual({ seq: 7, reason: 'head_mismatch' });
  });

  it('a partial export starts from the previous hash and still verifies', async () => {
    const part = await compliance().audit.export({ fromSeq: 3, limit: 3 });
    expect([part.fromSeq, part.toSeq]).toEqual([3, 5]);
    const row2 = await tdb.db
      .selectFrom('audit_event')
      .select('hash')
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    expect(part.prevHash).toBe(Buffer.from(row2.hash).toString('hex'));
    expect(verifyAuditExport(part).ok).toBe(true);
    const wrongStart = { ...clone(part), prevHash: '0'.repeat(64) };
    expect(verifyAuditExport(wrongStart).firstBroken).toEqual({ seq: 3, reason: 'hash_mismatch' });
  });

  it('records each export in the chain with the head it covered; the chain stays valid', async () => {
    const bundle = await compliance().audit.export({ fromSeq: 1, limit: 5 });
    const recorded = await tdb.db
      .selectFrom('audit_event')
      .select(['seq', 'action', 'actor_id', 'data'])
      .where('seq', '=', bundle.recordedAs.seq)
      .executeTakeFirstOrThrow();
    expect(recorded).toMatchObject({
      action: 'audit.exported',
      actor_id: PEOPLE.compliance.id,
      data: { fromSeq: 1, toSeq: 5, head: bundle.head, events: 5 },
    });
    expect((await verifyAuditChain(tdb.db)).ok).toBe(true);
  });

  it('only compliance may export; a broken chain is refused with CONFLICT', async () => {
    for (const role of ['admin', 'marketer'] as const) {
      expect(await codeOf(caller(tdb.db, role).audit.export())).toBe('FORBIDDEN');
    }
    expect(await codeOf(caller(tdb.db, null).audit.export())).toBe('UNAUTHENTICATED');
    await sql`update audit_event set actor = 'forged' where seq = 2`.execute(tdb.db);
    expect(await codeOf(compliance().audit.export())).toBe('CONFLICT');
  });
});
