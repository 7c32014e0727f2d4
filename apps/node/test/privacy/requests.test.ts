// Privacy requests as records: channel asked, reference required for erasure, the one-month deadline and its single
// extension, the queue's filters, and a lifecycle that completes only when every publication and list dropped the
// person (with the time it happened) — plus the Art. 15 access export's content.
import type { TestDatabase } from '@concord/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { addMonthsUtc } from '../../src/privacy/deadline.ts';
import { codeOf } from '../code-of.ts';
import { caller, makeCustomers, openDb, PEOPLE } from '../consent/helpers.ts';

let tdb: TestDatabase<Database>;
let ids: string[];
const RECEIVED = new Date('2026-01-31T09:30:00Z');
beforeAll(async () => {
  tdb = await openDb('privacy_requests');
  for (const p of Object.values(PEOPLE)) {
    await tdb.db
      .insertInto('app_user')
      .values({ id: p.id, email: p.email, role: p.role, password_hash: 'x' })
      .execute();
  }
  ids = await makeCustomers(tdb.db, 8, 'dsr');
});
afterAll(() => tdb.destroy());

const at = (iso: string) => new Date(iso);
const dpo = (now = at('2026-02-02T08:00:00Z')) => caller(tdb.db, 'compliance', { now });

describe('the legal deadline', () => {
  it('is one calendar month, clamped at the month end; the extension counts three months from receipt', () => {
    // Expected values written out by hand, not computed by the code under test.
    const cases: Array<[string, number, string]> = [
      ['2026-01-31T09:30:00.000Z', 1, '2026-02-28T09:30:00.000Z'],
      ['2028-01-31T00:00:00.000Z', 1, '2028-02-29T00:00:00.000Z'],
      ['2026-03-15T23:59:59.000Z', 1, '2026-04-15T23:59:59.000Z'],
      ['2026-12-20T12:00:00.000Z', 1, '2027-01-20T12:00:00.000Z'],
      ['2026-01-31T09:30:00.000Z', 3, '2026-04-30T09:30:00.000Z'],
      ['2026-11-30T10:00:00.000Z', 3, '2027-02-28T10:00:00.000Z'],
    ];
    for (const [from, months, expected] of cases) {
      expect(addMonthsUtc(new Date(from), months).toISOString()).toBe(expected);
    }
  });
});

describe('logging a request', () => {
  it('asks for the channel (no default) and requires a reference for erasure', async () => {
    const base = { kind: 'withdrawal' as const, customerId: ids[0]!, receivedAt: RECEIVED };
    // @ts-expect-error channel is required: it is asked, never assumed
    expect(await codeOf(dpo().privacy.requests.create(base))).toBe('BAD_INPUT');
    const erasure = { ...base, kind: 'erasure' as const, channel: 'letter' as const };
    expect(await codeOf(dpo().privacy.requests.create(erasure))).toBe('BAD_INPUT');
    expect(await codeOf(dpo().privacy.requests.create({ ...erasure, reference: '   ' }))).toBe('BAD_INPUT');
    // The database refuses it too, whatever code path writes.
    await expect(
      tdb.db
        .insertInto('privacy_request')
        .values({
          kind: 'erasure',
          customer_id: ids[0]!,
          channel: 'letter',
          received_at: RECEIVED,
          due_at: RECEIVED,
        })
        .execute(),
    ).rejects.toThrow(/privacy_request_erasure_reference/);
    const ok = await dpo().privacy.requests.create({ ...erasure, reference: 'LTR-2026-0131' });
    expect(ok).toMatchObject({
      kind: 'erasure',
      channel: 'letter',
      reference: 'LTR-2026-0131',
      status: 'open',
      ownerId: PEOPLE.compliance.id,
      dueAt: at('2026-02-28T09:30:00Z'),
      deadline: at('2026-02-28T09:30:00Z'),
      customerExternalId: 'dsr-0',
    });
  });

  it('finds the customer by external id, and refuses an unknown one with NOT_FOUND', async () => {
    const r = await dpo().privacy.requests.create({
      kind: 'access',
      customerExternalId: 'dsr-1',
      channel: 'email',
      receivedAt: at('2026-02-01T10:00:00Z'),
    });
    expect(r.customerId).toBe(ids[1]);
    expect(
      await codeOf(
        dpo().privacy.requests.create({
          kind: 'access',
          customerExternalId: 'nobody',
          channel: 'email',
          receivedAt: RECEIVED,
        }),
      ),
    ).toBe('NOT_FOUND');
  });
});

describe('extending the deadline', () => {
  it('once, with a reason, before the first month ends — by two further months', async () => {
    const r = await dpo().privacy.requests.create({
      kind: 'objection',
      customerId: ids[2]!,
      channel: 'phone',
      receivedAt: RECEIVED,
    });
    expect(await codeOf(dpo().privacy.requests.extend({ id: r.id, reason: 'busy' }))).toBe('BAD_INPUT');
    const extended = await dpo().privacy.requests.extend({
      id: r.id,
      reason: '40 objections after the mailing',
    });
    expect(extended).toMatchObject({
      dueAt: at('2026-02-28T09:30:00Z'),
      extendedDueAt: at('2026-04-30T09:30:00Z'),
      deadline: at('2026-04-30T09:30:00Z'),
      extensionReason: '40 objections after the mailing',
    });
    expect(await codeOf(dpo().privacy.requests.extend({ id: r.id, reason: 'and once more please' }))).toBe(
      'CONFLICT',
    );
  });

  it('not after the one-month deadline has passed', async () => {
    const r = await dpo().privacy.requests.create({
      kind: 'access',
      customerId: ids[3]!,
      channel: 'app',
      receivedAt: RECEIVED,
    });
    const late = dpo(at('2026-03-01T00:00:00Z'));
    expect(
      await codeOf(late.privacy.requests.extend({ id: r.id, reason: 'we forgot to decide in time' })),
    ).toBe('CONFLICT');
    // Overdue in the queue from then on (and not before).
    expect((await late.privacy.requests.list({ overdue: true })).map((x) => x.id)).toContain(r.id);
    expect((await dpo().privacy.requests.list({ overdue: true })).map((x) => x.id)).not.toContain(r.id);
  });
});

describe('the queue', () => {
  it('filters by kind, status and owner, soonest deadline first', async () => {
    const all = await dpo().privacy.requests.list({ status: ['open'] });
    expect(all.length).toBeGreaterThanOrEqual(4);
    const deadlines = all.map((r) => r.deadline.getTime());
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    const erasures = await dpo().privacy.requests.list({ kind: ['erasure'] });
    expect(erasures.every((r) => r.kind === 'erasure')).toBe(true);
    expect(erasures).toHaveLength(1);
    expect(await dpo().privacy.requests.list({ ownerId: PEOPLE.marketer.id })).toEqual([]);
    // Only compliance officers own requests.
    expect(
      await codeOf(dpo().privacy.requests.assign({ id: erasures[0]!.id, ownerId: PEOPLE.marketer.id })),
    ).toBe('BAD_INPUT');
  });
});

/** A live publication (marketing cross-sell) and an audience list holding `customerId`, as the federation writes them. */
async function publishLocally(customerId: string, label: string) {
  await tdb.db
    .insertInto('collaboration')
    .values({
      id: `collab-${label}`,
      name: `Collab ${label}`,
      purposes: JSON.stringify(['marketing.cross_sell.partner_offers']),
      policy: JSON.stringify({}),
      token_mode: 'hmac',
      status: 'active',
      members: JSON.stringify([]),
      proposer_id: 'p',
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const pub = await tdb.db
    .insertInto('publication')
    .values({
      collaboration_id: `collab-${label}`,
      segment_id: 's',
      segment_name: 'Segment',
      status: 'live',
      purposes: JSON.stringify(['marketing.cross_sell.partner_offers']),
      cleanroom_publication_id: `cr-${label}`,
      excluded: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tdb.db
    .insertInto('publication_member')
    .values({
      publication_id: pub.id,
      member_id: new Uint8Array(16).fill(label.length),
      customer_id: customerId,
      purpose_mask: 1,
    })
    .execute();
  const list = await tdb.db
    .insertInto('audience_list')
    .values({
      cleanroom_list_id: `list-${label}`,
      collaboration_id: `collab-${label}`,
      match_id: 'm',
      kind: 'cross_sell',
      purpose: 'marketing.cross_sell.partner_offers',
      // List names are unique per node (issue 16): one list per label.
      name: `List ${label}`,
      partner_segments: '[]',
      received_count: 1,
      resolved_count: 1,
      dropped: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tdb.db
    .insertInto('audience_list_member')
    .values({ list_id: list.id, customer_id: customerId })
    .execute();
  return pub.id;
}

describe('lifecycle', () => {
  it('a withdrawal completes only once every publication dropped the person, and says when', async () => {
    const who = ids[4]!;
    const publicationId = await publishLocally(who, 'withdrawal');
    const r = await dpo().privacy.requests.create({
      kind: 'withdrawal',
      customerId: who,
      channel: 'email',
      receivedAt: RECEIVED,
    });
    const done = await dpo(at('2026-02-03T10:00:00Z')).privacy.requests.carryOut({ id: r.id });
    // Withdrawn locally at once (the stored list dropped them) but the publication still holds the person.
    expect(done).toMatchObject({
      status: 'waiting_propagation',
      actionedAt: at('2026-02-03T10:00:00Z'),
      completedAt: null,
    });
    const state = await dpo().privacy.requests.get({ id: r.id });
    expect(state.propagation).toMatchObject({
      publications: { held: 1 },
      lists: { held: 0, dropped: 1 },
      done: false,
    });
    expect(await codeOf(dpo().privacy.requests.carryOut({ id: r.id }))).toBe('CONFLICT');
    expect(await dpo().privacy.requests.check()).toMatchObject({ completed: 0 });

    // What the withdrawal sender does when the clean room acknowledges the delta.
    const removedAt = at('2026-02-03T10:00:02Z');
    await tdb.db
      .updateTable('publication_member')
      .set({ removed_at: removedAt, removed_reason: 'withdrawn' })
      .where('publication_id', '=', publicationId)
      .execute();
    await sql`update withdrawal_outbox set processed_at = ${removedAt} where customer_id = ${who}`.execute(
      tdb.db,
    );
    expect(await dpo().privacy.requests.check()).toMatchObject({ completed: 1 });
    const completed = await dpo().privacy.requests.get({ id: r.id });
    expect(completed.request).toMatchObject({
      status: 'completed',
      completedAt: removedAt,
      completion: { publicationsDropped: 1, listsDropped: 1 },
    });
    const audit = await tdb.db
      .selectFrom('audit_event')
      .select(['action', 'data'])
      .where('subject_id', '=', r.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'privacy_request.created',
      'privacy_request.carried_out',
      'privacy_request.completed',
    ]);
  });

  it('a withdrawal of a purpose no publication covers completes at once, while other purposes stay published', async () => {
    const who = ids[5]!;
    await publishLocally(who, 'analytics-only');
    const r = await dpo().privacy.requests.create({
      kind: 'withdrawal',
      customerId: who,
      channel: 'phone',
      purposes: ['analytics'],
      receivedAt: RECEIVED,
    });
    const done = await dpo(at('2026-02-04T09:00:00Z')).privacy.requests.carryOut({ id: r.id });
    expect(done).toMatchObject({ status: 'completed', completedAt: at('2026-02-04T09:00:00Z') });
    const held = await tdb.db
      .selectFrom('publication_member')
      .select('removed_at')
      .where('customer_id', '=', who)
      .execute();
    expect(held.map((h) => h.removed_at)).toEqual([null]);
  });

  it('an erasure erases, and the request outlives the customer', async () => {
    const who = ids[6]!;
    const r = await dpo().privacy.requests.create({
      kind: 'erasure',
      customerId: who,
      channel: 'web_form',
      reference: 'WEB-77',
      receivedAt: RECEIVED,
    });
    const done = await dpo(at('2026-02-05T09:00:00Z')).privacy.requests.carryOut({ id: r.id });
    expect(done).toMatchObject({
      status: 'completed',
      customerExternalId: null,
      completedAt: at('2026-02-05T09:00:00Z'),
    });
    const tomb = await tdb.db
      .selectFrom('erasure_tombstone')
      .selectAll()
      .where('customer_id', '=', who)
      .executeTakeFirst();
    expect(tomb?.request_ref).toBe('WEB-77');
  });
});

describe('access export', () => {
  it('holds everything the node has about the person, and where their data went', async () => {
    const who = ids[7]!;
    await tdb.db
      .insertInto('customer_identifier')
      .values({
        customer_id: who,
        id_type: 'email',
        position: 0,
        raw: 'Lena.Koch@Example.de',
        normalized: 'lena.koch@example.de',
        status: 'valid',
        search: 'lena.koch@example.de',
      })
      .execute();
    await tdb.db
      .insertInto('purchase')
      .values({
        customer_id: who,
        product: 'Home insurance',
        price: '249.90',
        purchased_at: at('2025-06-01T00:00:00Z'),
      })
      .execute();
    await tdb.db
      .insertInto('interaction')
      .values({
        customer_id: who,
        kind: 'contact',
        occurred_at: at('2025-07-01T00:00:00Z'),
        channel: 'phone',
        summary: 'asked about rates',
      })
      .execute();
    const publicationId = await publishLocally(who, 'access');
    await caller(tdb.db, 'compliance', { now: at('2026-01-10T00:00:00Z') }).consent.record({
      customerId: who,
      purpose: 'marketing.cross_sell.partner_offers',
      state: 'given',
      recipientIndustries: ['insurance'],
      collectionMethod: 'web_form',
      source: 'signup',
      capturedAt: at('2026-01-10T00:00:00Z'),
    });
    const r = await dpo().privacy.requests.create({
      kind: 'access',
      customerId: who,
      channel: 'email',
      receivedAt: RECEIVED,
    });
    expect(await codeOf(dpo().privacy.requests.carryOut({ id: r.id }))).toBe('CONFLICT');
    const out = await dpo(at('2026-02-06T12:00:00Z')).privacy.requests.exportAccess({ id: r.id });
    expect(out.customer).toMatchObject({ externalId: 'dsr-7', emails: ['Lena.Koch@Example.de'] });
    expect(out.purchases).toEqual([
      {
        product: 'Home insurance',
        category: null,
        price: 249.9,
        quantity: 1,
        purchasedAt: at('2025-06-01T00:00:00Z'),
      },
    ]);
    expect(out.interactions).toMatchObject([
      { kind: 'contact', channel: 'phone', summary: 'asked about rates' },
    ]);
    expect(out.report.consentHistory.map((e) => [e.purpose, e.state])).toEqual([
      ['marketing.cross_sell.partner_offers', 'given'],
    ]);
    expect(out.report.trail.publications.map((p) => p.publicationId)).toEqual([publicationId]);
    expect(out.report.trail.lists).toHaveLength(1);
    const after = await dpo().privacy.requests.get({ id: r.id });
    expect(after.request).toMatchObject({ status: 'completed', completedAt: at('2026-02-06T12:00:00Z') });
    // The audit records that it was exported, with counts — never the person's data.
    const exported = await tdb.db
      .selectFrom('audit_event')
      .select('data')
      .where('action', '=', 'privacy_request.access_exported')
      .executeTakeFirstOrThrow();
    expect(exported.data).toEqual({
      purchases: 1,
      interactions: 1,
      consentEvents: 1,
      publications: 1,
      lists: 1,
    });
    expect(JSON.stringify(exported.data)).not.toContain('Koch');
  });
});

describe('bulk import (CLI)', () => {
  it('logs every good row and reports each bad one with its line, column and reason', async () => {
    const csv = [
      'kind,customer_external_id,channel,reference,received_at,purposes',
      'withdrawal,dsr-1,email,,2026-02-01,marketing',
      'erasure,dsr-2,letter,,2026-02-01,',
      'objection,dsr-3,,,2026-02-01,',
      'access,dsr-3,fax,,2026-02-01,',
      'access,nobody,email,,2026-02-01,',
      'withdrawal,dsr-2,phone,,2026-02-30,',
      'withdrawal,dsr-2,phone,,2026-02-01,marketing.nonsense',
      'access,"dsr-3,email,,2026-02-01,',
      'erasure,dsr-3,letter,LTR-9,2026-02-01T10:00:00Z,',
    ].join('\n');
    const before = (await dpo().privacy.requests.list({ limit: 1000 })).length;
    const r = await dpo().privacy.requests.import({ csv });
    expect(r).toMatchObject({ rowsRead: 9, created: 2, failed: 7, error: null });
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'reference'],
      [4, 'channel'],
      [5, 'channel'],
      [6, 'customer_external_id'],
      [7, 'received_at'],
      [8, 'purposes'],
      [9, null],
    ]);
    expect((await dpo().privacy.requests.list({ limit: 1000 })).length).toBe(before + 2);
    const erasure = await dpo().privacy.requests.get({ id: r.requestIds[1]! });
    expect(erasure.request).toMatchObject({
      kind: 'erasure',
      reference: 'LTR-9',
      channel: 'letter',
      customerExternalId: 'dsr-3',
    });
    expect((await dpo().privacy.requests.import({ csv: 'kind,channel\n' })).error).toMatch(
      /missing required column/,
    );
  });
});
