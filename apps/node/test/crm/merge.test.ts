// Merge and undo on a real database: what moves, the undo window (NodeConfig.mergeUndoDays), audit, aliases.
import type { TestDatabase } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../src/api/context.ts';
import { appRouter } from '../../src/api/router.ts';
import { createCallerFactory } from '../../src/api/trpc.ts';
import { recordConsentEvents } from '../../src/consent/record.ts';
import { idsByExternalId, upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import { flagDuplicates } from '../../src/crm/duplicates/flag.ts';
import { upsertPurchases } from '../../src/crm/history/upsert-purchases.ts';
import type { Database } from '../../src/db/database.ts';
import { NodeConfig } from '../../src/env.ts';
import { codeOf } from '../code-of.ts';
import { openTestDb, USERS } from './helpers.ts';

const DAY = 86_400_000;
const T0 = new Date('2026-11-30T10:00:00Z');
const PURPOSE = 'marketing.cross_sell.partner_offers';
let tdb: TestDatabase<Database>;

function adminAt(now: Date, mergeUndoDays?: number) {
  const config = NodeConfig.parse({
    name: 'Bank',
    industry: 'bank',
    ...(mergeUndoDays === undefined ? {} : { mergeUndoDays }),
  });
  return createCallerFactory(appRouter)(
    createInnerContext({
      db: tdb.db,
      config,
      logger: silentLogger(),
      user: { ...USERS.admin },
      now: () => now,
    }),
  );
}

async function pair(tag: string): Promise<[string, string]> {
  await upsertCustomers(tdb.db, [
    {
      externalId: `${tag}-A`,
      firstName: 'Ann',
      lastName: 'Lee',
      country: 'GB',
      emails: [`ann.${tag}@x.test`],
      phones: ['020 7946 0018'],
    },
    {
      externalId: `${tag}-B`,
      firstName: 'Ann',
      lastName: 'Lee',
      country: 'GB',
      emails: [`ANN.${tag}@X.TEST`],
    },
  ]);
  const ids = await idsByExternalId(tdb.db, [`${tag}-A`, `${tag}-B`]);
  return [ids.get(`${tag}-A`) as string, ids.get(`${tag}-B`) as string];
}

beforeAll(async () => {
  tdb = await openTestDb('crm_merge');
});
afterAll(() => tdb.destroy());

describe('merge', () => {
  it('moves history, identifiers and consent, audits, and makes the old external id an alias', async () => {
    const [a, b] = await pair('m1');
    expect(await flagDuplicates(tdb.db)).toBe(1);
    await upsertPurchases(tdb.db, [
      {
        externalId: 'm1-p',
        customerExternalId: 'm1-B',
        product: 'X',
        category: null,
        price: '1',
        purchasedAt: T0,
      },
    ]);
    const base = {
      purpose: PURPOSE,
      lawfulBasis: 'consent' as const,
      recipientPartners: [],
      collectionMethod: 'web_form' as const,
      source: 't',
      noticeVersionId: null,
      validUntil: null,
      evidenceRef: null,
    };
    await tdb.db.transaction().execute((trx) =>
      recordConsentEvents(
        { db: trx, now: () => T0 },
        {
          actor: { id: null, email: 'system' },
          via: 'import',
          events: [
            {
              ...base,
              customerId: a,
              state: 'given',
              recipientIndustries: ['insurance'],
              capturedAt: new Date(T0.getTime() - 2 * DAY),
            },
            {
              ...base,
              customerId: b,
              state: 'withdrawn',
              recipientIndustries: [],
              capturedAt: new Date(T0.getTime() - 3 * DAY),
            },
          ],
        },
      ),
    );
    const r = await adminAt(T0).duplicates.merge({ survivorId: a, mergedId: b });
    expect(r.moved).toMatchObject({ purchases: 1, identifiers: 1, consentEvents: 1, consentAdded: 1 });
    expect(r.undoUntil).toEqual(new Date(T0.getTime() + 30 * DAY));
    const latest = await tdb.db
      .selectFrom('consent_event')
      .select(['state', 'source'])
      .where('customer_id', '=', a)
      .orderBy('captured_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(latest).toEqual({ state: 'withdrawn', source: 'customer merge' });
    const ids = await idsByExternalId(tdb.db, ['m1-B']);
    expect(ids.get('m1-B')).toBe(a);
    const audit = await tdb.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'customer.%')
      .execute();
    expect(audit.map((e) => e.action)).toContain('customer.merge');
    expect(await codeOf(adminAt(T0).duplicates.merge({ survivorId: a, mergedId: b }))).toBe('CONFLICT');
  });

  it('can be undone inside the window: rows move back and the external id is its own again', async () => {
    const [a, b] = await pair('m2');
    const r = await adminAt(T0).duplicates.merge({ survivorId: a, mergedId: b });
    await adminAt(new Date(T0.getTime() + 29 * DAY)).duplicates.unmerge({ mergeId: r.mergeId });
    const restored = await adminAt(T0).customers.get({ id: b });
    expect(restored).toMatchObject({ deletedAt: null, mergedInto: null, emails: ['ANN.m2@X.TEST'] });
    expect((await adminAt(T0).customers.get({ id: a })).emails).toEqual(['ann.m2@x.test']);
    expect((await idsByExternalId(tdb.db, ['m2-B'])).get('m2-B')).toBe(b);
    expect(await codeOf(adminAt(T0).duplicates.unmerge({ mergeId: r.mergeId }))).toBe('CONFLICT');
  });

  it('mergeUndoDays decides the window: 31 days later is EXPIRED with 30, allowed with 60', async () => {
    const [a, b] = await pair('m3');
    const late = new Date(T0.getTime() + 31 * DAY);
    const short = await adminAt(T0, 30).duplicates.merge({ survivorId: a, mergedId: b });
    expect(await codeOf(adminAt(late).duplicates.unmerge({ mergeId: short.mergeId }))).toBe('EXPIRED');
    const [c, d] = await pair('m4');
    const long = await adminAt(T0, 60).duplicates.merge({ survivorId: c, mergedId: d });
    await expect(adminAt(late).duplicates.unmerge({ mergeId: long.mergeId })).resolves.toMatchObject({
      restoredId: d,
    });
  });

  it('refuses merging a customer into itself or an unknown one', async () => {
    const [a] = await pair('m5');
    expect(await codeOf(adminAt(T0).duplicates.merge({ survivorId: a, mergedId: a }))).toBe('BAD_INPUT');
    expect(
      await codeOf(
        adminAt(T0).duplicates.merge({ survivorId: a, mergedId: '00000000-0000-4000-8000-000000000999' }),
      ),
    ).toBe('NOT_FOUND');
  });
});
