// Duplicate flagging: a value shared by a few records is evidence; one shared by many (a switchboard number) is not.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import { flagDuplicates, MAX_SHARED_IDENTIFIER } from '../../src/crm/duplicates/flag.ts';
import type { Database } from '../../src/db/database.ts';
import { openTestDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
beforeAll(async () => {
  tdb = await openTestDb('duplicate_flags');
});
afterAll(() => tdb?.destroy());

/** `n` customers sharing one email (tag keeps groups apart). */
function sharing(tag: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    externalId: `${tag}-${i}`,
    firstName: `P${i}`,
    lastName: tag,
    country: 'GB',
    emails: [`shared.${tag}@x.test`],
  }));
}

describe('flagDuplicates', () => {
  it('flags every pair among records sharing a value up to the limit, none above it', async () => {
    await upsertCustomers(tdb.db, [
      ...sharing('few', MAX_SHARED_IDENTIFIER),
      ...sharing('many', MAX_SHARED_IDENTIFIER + 1),
    ]);
    const flagged = await flagDuplicates(tdb.db);
    const n = MAX_SHARED_IDENTIFIER;
    // Every pair of the group at the limit, and not one pair of the group one above it.
    expect(flagged).toBe((n * (n - 1)) / 2);
  });
});
