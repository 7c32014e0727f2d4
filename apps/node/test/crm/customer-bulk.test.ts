// Issue 16 item 2: bulk actions on the customers table — add a tag, assign an owner. Each record is checked with the
// same CASL row rule as the single-record edits (all or nothing), changes are counted, one audit event per change.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, openTestDb, USERS } from './helpers.ts';

let tdb: TestDatabase<Database>;
const NOW = new Date('2026-11-30T10:00:00Z');
const ids: Record<string, string> = {};

beforeAll(async () => {
  tdb = await openTestDb('crm_customer_bulk');
  await upsertCustomers(
    tdb.db,
    ['B1', 'B2', 'B3', 'B4'].map((externalId) => ({ externalId, firstName: externalId, country: 'DE' })),
  );
  for (const c of await tdb.db.selectFrom('customer').select(['id', 'external_id']).execute())
    ids[c.external_id] = c.id;
  await tdb.db
    .insertInto('app_user')
    .values(Object.values(USERS).map((u) => ({ id: u.id, email: u.email, role: u.role, password_hash: 'x' })))
    .execute();
  // B4 belongs to the other marketer: Mia may read it but not change it.
  await tdb.db
    .updateTable('customer')
    .set({ owner_id: USERS.marketer2.id })
    .where('id', '=', ids.B4!)
    .execute();
});
afterAll(() => tdb.destroy());

const tagsOf = async (id: string) =>
  (await tdb.db.selectFrom('customer').select('tags').where('id', '=', id).executeTakeFirstOrThrow()).tags;
const ownerOf = async (id: string) =>
  (await tdb.db.selectFrom('customer').select('owner_id').where('id', '=', id).executeTakeFirstOrThrow())
    .owner_id;
const auditCount = async (action: string) =>
  (await tdb.db.selectFrom('audit_event').select('seq').where('action', '=', action).execute()).length;

describe('customers.bulkAddTag', () => {
  it('tags every selected record once, counts the changes and audits each', async () => {
    const mia = callerAs(tdb.db, 'marketer', NOW);
    expect(await mia.customers.bulkAddTag({ ids: [ids.B1!, ids.B2!], tag: ' Spring-Promo ' })).toEqual({
      changed: 2,
      unchanged: 0,
      skipped: 0,
    });
    expect(await tagsOf(ids.B1!)).toEqual(['spring-promo']);
    // Tagging again changes only the record that lacks the tag.
    expect(await mia.customers.bulkAddTag({ ids: [ids.B1!, ids.B2!, ids.B3!], tag: 'spring-promo' })).toEqual(
      { changed: 1, unchanged: 2, skipped: 0 },
    );
    expect(await auditCount('customer.tag_added')).toBe(3);
  });

  it('refuses the whole batch (FORBIDDEN) when one record is managed by someone else, and changes nothing', async () => {
    const mia = callerAs(tdb.db, 'marketer', NOW);
    const before = await auditCount('customer.tag_added');
    expect(await codeOf(mia.customers.bulkAddTag({ ids: [ids.B1!, ids.B4!], tag: 'winter' }))).toBe(
      'FORBIDDEN',
    );
    expect(await tagsOf(ids.B1!)).not.toContain('winter');
    expect(await auditCount('customer.tag_added')).toBe(before);
    // The record's manager may.
    const max = callerAs(tdb.db, 'marketer2', NOW);
    expect((await max.customers.bulkAddTag({ ids: [ids.B4!], tag: 'winter' })).changed).toBe(1);
  });

  it('refuses compliance (FORBIDDEN), an empty or oversized selection and a bad tag (BAD_INPUT)', async () => {
    const officer = callerAs(tdb.db, 'compliance', NOW);
    expect(await codeOf(officer.customers.bulkAddTag({ ids: [ids.B1!], tag: 'x' }))).toBe('FORBIDDEN');
    const mia = callerAs(tdb.db, 'marketer', NOW);
    expect(await codeOf(mia.customers.bulkAddTag({ ids: [], tag: 'x' }))).toBe('BAD_INPUT');
    const many = Array.from({ length: 501 }, () => ids.B1!);
    expect(await codeOf(mia.customers.bulkAddTag({ ids: many, tag: 'x' }))).toBe('BAD_INPUT');
    expect(await codeOf(mia.customers.bulkAddTag({ ids: [ids.B1!], tag: '<b>' }))).toBe('BAD_INPUT');
    expect(await codeOf(mia.customers.bulkAddTag({ ids: [crypto.randomUUID()], tag: 'x' }))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('customers.bulkAssignOwner', () => {
  it('assigns the owner to every selected record, counting changes; one audit event per change', async () => {
    const mia = callerAs(tdb.db, 'marketer', NOW);
    const before = await auditCount('customer.owner_assigned');
    expect(
      await mia.customers.bulkAssignOwner({ ids: [ids.B1!, ids.B2!], ownerId: USERS.marketer.id }),
    ).toEqual({ changed: 2, unchanged: 0, skipped: 0 });
    expect(
      await mia.customers.bulkAssignOwner({ ids: [ids.B1!, ids.B2!, ids.B3!], ownerId: USERS.marketer.id }),
    ).toEqual({ changed: 1, unchanged: 2, skipped: 0 });
    expect(await ownerOf(ids.B3!)).toBe(USERS.marketer.id);
    expect(await auditCount('customer.owner_assigned')).toBe(before + 3);
  });

  it('refuses a record managed by someone else (FORBIDDEN) and a non-manager owner (BAD_INPUT); nothing changes', async () => {
    const mia = callerAs(tdb.db, 'marketer', NOW);
    const call = mia.customers.bulkAssignOwner({ ids: [ids.B1!, ids.B4!], ownerId: USERS.marketer2.id });
    expect(await codeOf(call)).toBe('FORBIDDEN');
    expect(await ownerOf(ids.B1!)).toBe(USERS.marketer.id);
    expect(await ownerOf(ids.B4!)).toBe(USERS.marketer2.id);
    const toOfficer = mia.customers.bulkAssignOwner({ ids: [ids.B1!], ownerId: USERS.compliance.id });
    expect(await codeOf(toOfficer)).toBe('BAD_INPUT');
    // An admin edits any record and hands them all over.
    const admin = callerAs(tdb.db, 'admin', NOW);
    const all = [ids.B1!, ids.B2!, ids.B3!, ids.B4!];
    expect((await admin.customers.bulkAssignOwner({ ids: all, ownerId: USERS.marketer2.id })).changed).toBe(
      3,
    );
  });
});
