// Demographics: CSV import (good rows land, bad rows reported with line and reason), console edit, age bands.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import { DEMOGRAPHICS_CSV } from '../../src/crm/demographics/import-format.ts';
import { importRows } from '../../src/crm/import/row-import.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, csvStream, openTestDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
const NOW = new Date('2026-11-22T10:00:00Z');
const idOf = async (externalId: string) =>
  (
    await tdb.db
      .selectFrom('customer')
      .select('id')
      .where('external_id', '=', externalId)
      .executeTakeFirstOrThrow()
  ).id;

beforeAll(async () => {
  tdb = await openTestDb('crm_demographics');
  await upsertCustomers(tdb.db, [
    { externalId: 'A1', birthDate: '2001-11-22' },
    { externalId: 'A2', birthDate: '2001-11-23' },
    { externalId: 'A3' },
  ]);
});
afterAll(() => tdb.destroy());

describe('demographics import', () => {
  it('lands good rows and reports each bad row with its line and reason', async () => {
    const csv = [
      'customer_external_id,sex,income_band,education,household_size,region,birth_date,loyalty_note',
      'A1,F,40k_60k,Master,2,Bavaria,,x',
      'A2,m,,,,,,',
      'A3,robot,,,,,,',
      'A3,,999k,,,,,',
      'A3,,,,0,,,',
      'A3,,,,,,1990-02-30,',
      'NOPE,f,,,,,,',
      'A3,x,100k_plus,doctorate,20,"Île-de-France",1990-02-28,',
      'A1,,',
    ].join('\n');
    const result = await importRows(
      { db: tdb.db, now: () => new Date() },
      { format: DEMOGRAPHICS_CSV, source: csvStream(csv) },
    );
    expect(result.error).toBeNull();
    expect(result.rowsRead).toBe(9);
    expect(result.imported).toBe(3);
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [4, 'sex'],
      [5, 'income_band'],
      [6, 'household_size'],
      [7, 'birth_date'],
      [8, 'customer_external_id'],
      [10, null],
    ]);
    expect(result.errors[0]!.reason).toMatch(/invalid sex "robot"/);
    const admin = callerAs(tdb.db, 'admin', NOW);
    expect(await admin.demographics.get({ customerId: await idOf('A1') })).toMatchObject({
      sex: 'female',
      incomeBand: '40k_60k',
      education: 'master',
      householdSize: 2,
      region: 'Bavaria',
      ageBand: '25-34',
    });
    // Born 2001-11-23: still 24 on 2026-11-22.
    expect((await admin.demographics.get({ customerId: await idOf('A2') })).ageBand).toBe('18-24');
    expect(await admin.demographics.get({ customerId: await idOf('A3') })).toMatchObject({
      sex: 'undisclosed',
      region: 'Île-de-France',
      birthDate: '1990-02-28',
      householdSize: 20,
    });
  });

  it('an empty cell keeps the stored value, "-" clears it; a bad header refuses the file', async () => {
    await importRows(
      { db: tdb.db, now: () => new Date() },
      { format: DEMOGRAPHICS_CSV, source: csvStream('customer_external_id,sex,region\nA1,,-\n') },
    );
    const admin = callerAs(tdb.db, 'admin', NOW);
    expect(await admin.demographics.get({ customerId: await idOf('A1') })).toMatchObject({
      sex: 'female',
      region: null,
    });
    const bad = await importRows(
      { db: tdb.db, now: () => new Date() },
      { format: DEMOGRAPHICS_CSV, source: csvStream('sex,region\nf,x\n') },
    );
    expect(bad.error).toMatch(/missing required column\(s\): customer_external_id/);
  });

  it('admins edit one customer; the edit is validated and audited without values', async () => {
    const admin = callerAs(tdb.db, 'admin', NOW);
    const id = await idOf('A2');
    expect(
      await admin.demographics.update({ customerId: id, patch: { incomeBand: 'lt_20k', householdSize: 3 } }),
    ).toMatchObject({
      sex: 'male',
      incomeBand: 'lt_20k',
      householdSize: 3,
    });
    expect(await codeOf(admin.demographics.update({ customerId: id, patch: { householdSize: 0 } }))).toBe(
      'BAD_INPUT',
    );
    expect(
      await codeOf(callerAs(tdb.db, 'marketer', NOW).demographics.update({ customerId: id, patch: {} })),
    ).toBe('FORBIDDEN');
    const audit = await tdb.db
      .selectFrom('audit_event')
      .select('data')
      .where('action', '=', 'demographics.update')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.data)).not.toContain('lt_20k');
    expect(audit.data).toEqual({ fields: ['income_band', 'household_size'] });
  });
});
