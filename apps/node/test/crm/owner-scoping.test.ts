// Issue 11 item 3: every read path applies the same follow-up scoping as followups.list. Two users of each role;
// marketer A's private follow-up (a unique note) must never reach marketer B or a compliance officer — through the
// follow-up procedures, the customer timeline, or any other query of the router.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../src/api/router.ts';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import type { Database } from '../../src/db/database.ts';
import { canaryInput, repairInput } from '../canary-input.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, openTestDb, USERS } from './helpers.ts';

let tdb: TestDatabase<Database>;
let customerId: string;
let privateA: { id: string };
let privateB: { id: string };
const NOW = new Date('2026-11-22T10:00:00Z');
const NOTE_A = 'private note of marketer A: 7f3c1e';
const NOTE_B = 'private note of marketer B: 0b9d42';
type Who = keyof typeof USERS;

beforeAll(async () => {
  tdb = await openTestDb('crm_owner_scoping');
  await upsertCustomers(tdb.db, [
    { externalId: 'S1', firstName: 'Scoped', lastName: 'Customer', country: 'DE' },
  ]);
  customerId = (await tdb.db.selectFrom('customer').select('id').executeTakeFirstOrThrow()).id;
  // Both overdue (so followups.overdue lists them) and on the same customer (so the timeline has both).
  privateA = await callerAs(tdb.db, 'marketer', NOW).followups.create({
    customerId,
    dueDate: '2026-11-01',
    note: NOTE_A,
  });
  privateB = await callerAs(tdb.db, 'marketer2', NOW).followups.create({
    customerId,
    dueDate: '2026-11-02',
    note: NOTE_B,
  });
});
afterAll(() => tdb.destroy());

const timelineFollowUps = async (who: Who) =>
  (await callerAs(tdb.db, who, NOW).customers.timeline({ customerId }))
    .filter((i) => i.type === 'follow_up')
    .map((i) => i.id);

describe('follow-up scoping on every read path', () => {
  it('customers.timeline: each marketer sees only their own; compliance none; admins all', async () => {
    expect(await timelineFollowUps('marketer')).toEqual([privateA.id]);
    expect(await timelineFollowUps('marketer2')).toEqual([privateB.id]);
    expect(await timelineFollowUps('compliance')).toEqual([]);
    expect(await timelineFollowUps('compliance2')).toEqual([]);
    expect((await timelineFollowUps('admin')).sort()).toEqual([privateA.id, privateB.id].sort());
    expect((await timelineFollowUps('admin2')).sort()).toEqual([privateA.id, privateB.id].sort());
  });

  it('followups.list and followups.overdue: owner=all or owner=<other> show nothing of the other marketer', async () => {
    const b = callerAs(tdb.db, 'marketer2', NOW);
    expect((await b.followups.list({ owner: 'all' })).map((f) => f.id)).toEqual([privateB.id]);
    expect(await b.followups.list({ owner: USERS.marketer.id })).toEqual([]);
    expect(await b.followups.list({ owner: 'all', customerId })).toHaveLength(1);
    const overdue = await b.followups.overdue({ owner: 'all' });
    expect(overdue.items.map((f) => f.id)).toEqual([privateB.id]);
    expect(overdue.byOwner.map((o) => o.ownerId)).toEqual([USERS.marketer2.id]);
    const admin = await callerAs(tdb.db, 'admin2', NOW).followups.list({ owner: 'all' });
    expect(admin.map((f) => f.id).sort()).toEqual([privateA.id, privateB.id].sort());
  });

  it("followups.update: another marketer's follow-up answers NOT_FOUND and stays unchanged", async () => {
    const b = callerAs(tdb.db, 'marketer2', NOW);
    expect(await codeOf(b.followups.update({ id: privateA.id, patch: { note: 'taken over' } }))).toBe(
      'NOT_FOUND',
    );
    expect(
      await codeOf(callerAs(tdb.db, 'compliance2', NOW).followups.update({ id: privateA.id, patch: {} })),
    ).toBe('FORBIDDEN');
    const row = await tdb.db
      .selectFrom('follow_up')
      .select('note')
      .where('id', '=', privateA.id)
      .executeTakeFirst();
    expect(row?.note).toBe(NOTE_A);
  });

  it("no query of the router returns marketer A's follow-up to marketer B or to compliance", async () => {
    const queries = Object.entries(appRouter._def.procedures as Record<string, unknown>)
      .map(([path, p]) => [path, (p as { _def: { type: string; inputs: unknown[] } })._def] as const)
      .filter(([, def]) => def.type === 'query');
    expect(queries.length).toBeGreaterThan(30);
    let answered = 0;
    for (const who of ['marketer2', 'compliance', 'compliance2'] as const) {
      for (const [path, def] of queries) {
        const schema = def.inputs[0];
        // Every uuid field points at the customer (or the follow-up itself), so lookups hit the seeded rows.
        for (const uuid of [customerId, privateA.id]) {
          const input = repairInput(schema, canaryInput(schema, { canary: () => 'x', nul: false, uuid }));
          let node: unknown = callerAs(tdb.db, who, NOW);
          for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
          try {
            const out = JSON.stringify(await (node as (i: unknown) => Promise<unknown>)(input));
            answered += 1;
            expect([path, out.includes(NOTE_A) || out.includes(privateA.id)]).toEqual([path, false]);
          } catch {
            // refused or not found: nothing returned
          }
        }
      }
    }
    // The sweep really reached the read paths (timeline included).
    expect(answered).toBeGreaterThan(20);
  });
});
