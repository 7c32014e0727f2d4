// Issue 16 item 1: the working customer record — profile edits with field-level messages, tags, social profiles
// and notes on the timeline, and the account manager (owner) with its CASL row scoping for marketers.
import type { TestDatabase } from '@concord/db/testing';
import { concordCodeOf } from '@concord/service/trpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, openTestDb, USERS } from './helpers.ts';

let tdb: TestDatabase<Database>;
const NOW = new Date('2026-11-22T10:00:00Z');
const ids: Record<string, string> = {};

async function issuesOf(p: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await p;
  } catch (error) {
    const issues = (error as { cause?: { issues?: { path: (string | number)[]; message: string }[] } }).cause
      ?.issues;
    return Object.fromEntries((issues ?? []).map((i) => [i.path.join('.'), i.message]));
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  tdb = await openTestDb('crm_customer_records');
  await upsertCustomers(tdb.db, [
    { externalId: 'R1', firstName: 'Anna', lastName: 'Schmidt', country: 'DE', emails: ['anna@example.com'] },
    { externalId: 'R2', firstName: 'Ben', lastName: 'Keller', country: 'DE' },
  ]);
  for (const c of await tdb.db.selectFrom('customer').select(['id', 'external_id']).execute())
    ids[c.external_id] = c.id;
  // The test callers' users exist as accounts so they can be account managers (one marketer is disabled later).
  await tdb.db
    .insertInto('app_user')
    .values(Object.values(USERS).map((u) => ({ id: u.id, email: u.email, role: u.role, password_hash: 'x' })))
    .execute();
});
afterAll(() => tdb.destroy());

describe('customers.updateProfile', () => {
  it('edits fields, tags and social profiles; the timeline shows the new channels', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    const c = await m.customers.updateProfile({
      id: ids.R1!,
      patch: {
        city: 'Berlin',
        tags: ['VIP', 'vip', 'newsletter'],
        socialProfiles: [
          { network: 'instagram', handle: '@anna.schmidt' },
          { network: 'linkedin', handle: 'anna-schmidt' },
        ],
      },
    });
    expect(c.city).toBe('Berlin');
    expect(c.tags).toEqual(['newsletter', 'vip']);
    expect(c.socialProfiles.map((p) => `${p.network}:${p.handle}`)).toEqual([
      'instagram:anna.schmidt',
      'linkedin:anna-schmidt',
    ]);
    expect(c.emails).toEqual(['anna@example.com']);
    const timeline = await m.customers.timeline({ customerId: ids.R1! });
    expect(timeline.filter((i) => i.type === 'social').map((i) => i.type === 'social' && i.network)).toEqual(
      expect.arrayContaining(['instagram', 'linkedin']),
    );
    // Dropping one profile keeps the other (and when it was added).
    const again = await m.customers.updateProfile({
      id: ids.R1!,
      patch: { socialProfiles: [{ network: 'linkedin', handle: 'anna-schmidt' }] },
    });
    expect(again.socialProfiles).toEqual([
      { network: 'linkedin', handle: 'anna-schmidt', addedAt: c.socialProfiles[1]!.addedAt },
    ]);
  });

  it('refuses bad values with one human message per field, and changes nothing', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    const call = m.customers.updateProfile({
      id: ids.R1!,
      patch: {
        city: 'Hamburg',
        country: 'Germany',
        birthDate: '1990-02-30',
        emails: ['not an email'],
        tags: ['<b>'],
        socialProfiles: [{ network: 'myspace' as 'other', handle: 'x' }],
      },
    });
    expect(await codeOf(call)).toBe('BAD_INPUT');
    const fields = await issuesOf(
      m.customers.updateProfile({
        id: ids.R1!,
        patch: { country: 'Germany', birthDate: '1990-02-30', emails: ['not an email'], tags: ['<b>'] },
      }),
    );
    expect(fields).toEqual({
      'patch.country': 'Use the two-letter country code, e.g. DE',
      'patch.birthDate': 'Enter a real date as YYYY-MM-DD',
      'patch.emails.0': 'Enter a valid email address, e.g. anna@example.com',
      'patch.tags.0': 'Tags use letters, digits, spaces, dashes and underscores',
    });
    for (const message of Object.values(fields)) expect(message).not.toMatch(/[[{]/);
    expect((await m.customers.get({ id: ids.R1! })).city).toBe('Berlin');
  });

  it('compliance may not edit a record (FORBIDDEN)', async () => {
    const call = callerAs(tdb.db, 'compliance', NOW).customers.updateProfile({
      id: ids.R1!,
      patch: { city: 'X' },
    });
    expect(await codeOf(call)).toBe('FORBIDDEN');
  });
});

describe('account manager (owner) scoping', () => {
  it('a marketer claims an unowned customer; the other marketer can then read but not edit it', async () => {
    const mia = callerAs(tdb.db, 'marketer', NOW);
    const max = callerAs(tdb.db, 'marketer2', NOW);
    const owned = await mia.customers.assignOwner({ id: ids.R2!, ownerId: USERS.marketer.id });
    expect(owned.ownerId).toBe(USERS.marketer.id);
    expect((await max.customers.get({ id: ids.R2! })).ownerId).toBe(USERS.marketer.id);
    expect(await codeOf(max.customers.updateProfile({ id: ids.R2!, patch: { city: 'Köln' } }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(max.customers.assignOwner({ id: ids.R2!, ownerId: USERS.marketer2.id }))).toBe(
      'FORBIDDEN',
    );
    expect((await max.customers.get({ id: ids.R2! })).city).toBeNull();
    // The owner edits it; an admin edits any record and can hand it over.
    expect((await mia.customers.updateProfile({ id: ids.R2!, patch: { city: 'Köln' } })).city).toBe('Köln');
    const admin = callerAs(tdb.db, 'admin', NOW);
    await admin.customers.assignOwner({ id: ids.R2!, ownerId: USERS.marketer2.id });
    expect(await codeOf(mia.customers.updateProfile({ id: ids.R2!, patch: { city: 'Bonn' } }))).toBe(
      'FORBIDDEN',
    );
    expect((await max.customers.updateProfile({ id: ids.R2!, patch: { city: 'Bonn' } })).city).toBe('Bonn');
  });

  it('owning a customer does not widen follow-up scoping: the owner still sees only their own follow-ups', async () => {
    const other = await callerAs(tdb.db, 'marketer', NOW).followups.create({
      customerId: ids.R2!,
      dueDate: '2026-12-01',
      note: 'mia only',
    });
    const ownerTimeline = await callerAs(tdb.db, 'marketer2', NOW).customers.timeline({
      customerId: ids.R2!,
    });
    expect(ownerTimeline.some((i) => i.id === other.id)).toBe(false);
  });

  it('only active admins and marketers can be account managers; the change is audited', async () => {
    const admin = callerAs(tdb.db, 'admin', NOW);
    const refused = admin.customers.assignOwner({ id: ids.R1!, ownerId: USERS.compliance.id });
    expect(await codeOf(refused)).toBe('BAD_INPUT');
    await tdb.db
      .updateTable('app_user')
      .set({ disabled_at: NOW })
      .where('id', '=', USERS.admin2.id)
      .execute();
    expect(await codeOf(admin.customers.assignOwner({ id: ids.R1!, ownerId: USERS.admin2.id }))).toBe(
      'BAD_INPUT',
    );
    const managers = await callerAs(tdb.db, 'compliance', NOW).customers.accountManagers();
    expect(managers.map((u) => u.email).sort()).toEqual(
      [USERS.admin.email, USERS.marketer.email, USERS.marketer2.email].sort(),
    );
    const audit = await tdb.db
      .selectFrom('audit_event')
      .select(['action', 'subject_id', 'data'])
      .where('action', '=', 'customer.owner_assigned')
      .execute();
    expect(audit.map((a) => a.subject_id)).toEqual([ids.R2, ids.R2]);
    expect(JSON.stringify(audit)).not.toContain('Keller');
  });
});

describe('customers.addNote', () => {
  it('puts the note with its author and time on the timeline', async () => {
    const note = await callerAs(tdb.db, 'marketer2', NOW).customers.addNote({
      customerId: ids.R1!,
      body: '  Prefers calls after 5 pm  ',
    });
    expect(note).toMatchObject({ body: 'Prefers calls after 5 pm', author: USERS.marketer2.email });
    const timeline = await callerAs(tdb.db, 'compliance', NOW).customers.timeline({ customerId: ids.R1! });
    expect(timeline.find((i) => i.type === 'note')).toEqual({
      type: 'note',
      id: note.id,
      at: NOW,
      author: USERS.marketer2.email,
      body: 'Prefers calls after 5 pm',
    });
  });

  it('refuses an empty note with a human message; compliance may not write notes', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    expect(await issuesOf(m.customers.addNote({ customerId: ids.R1!, body: '   ' }))).toEqual({
      body: 'Write the note first',
    });
    const c = callerAs(tdb.db, 'compliance', NOW).customers.addNote({ customerId: ids.R1!, body: 'x' });
    expect(concordCodeOf(await c.catch((e: unknown) => e))).toBe('FORBIDDEN');
  });
});
