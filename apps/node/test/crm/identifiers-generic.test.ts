// The generic identifier path (issue 10): `identifiers: [{ type, value, country? }]` takes any registered id type
// without a new field, replaces only the types it names, `identifierTypes` clears a type, the CSV import reads one
// column family per type, and `has_identifier` selects by any type.
import type { TestDatabase } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { callerAs, openTestDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
// 16 digits, Luhn-valid (checked independently in packages/identity/test/id-types.test.ts style): 6034 9312 3456 7892.
const CARD = '6034931234567892';

beforeAll(async () => {
  tdb = await openTestDb('crm_identifiers_generic');
});
afterAll(() => tdb.destroy());

describe('identifiers of any registered type through the API', () => {
  it('creates, fixes and clears a loyalty card without touching emails and phones', async () => {
    const admin = callerAs(tdb.db, 'admin');
    const created = await admin.customers.create({
      externalId: 'L1',
      country: 'DE',
      emails: ['lea@example.de'],
      identifiers: [
        { type: 'loyalty_card', value: '6034-9312-3456-7894' },
        { type: 'phone', value: '030 901820' },
      ],
    });
    const view = (c: typeof created) => c.identifiers.map((i) => [i.idType, i.status, i.reason, i.display]);
    expect(view(created)).toEqual([
      ['email', 'valid', null, 'lea@example.de'],
      ['loyalty_card', 'invalid', 'loyalty_card_check_digit', '6034-9312-3456-7894'],
      ['phone', 'valid', null, '+49 30 901820'],
    ]);

    // Naming only loyalty_card replaces that list; email and phone stay.
    const fixed = await admin.customers.update({
      id: created.id,
      patch: { identifiers: [{ type: 'loyalty_card', value: CARD }] },
    });
    expect(view(fixed)).toEqual([
      ['email', 'valid', null, 'lea@example.de'],
      ['loyalty_card', 'valid', null, '6034 9312 3456 7892'],
      ['phone', 'valid', null, '+49 30 901820'],
    ]);

    const segment = await callerAs(tdb.db, 'marketer').segments.preview({
      rule: { type: 'has_identifier', kind: 'loyalty_card' },
    });
    expect(segment.count).toBe(1);

    // identifierTypes alone clears the type it names (the only change from the call above).
    const cleared = await admin.customers.update({
      id: created.id,
      patch: { identifierTypes: ['loyalty_card'] },
    });
    expect(view(cleared).map((r) => r[0])).toEqual(['email', 'phone']);
  });

  it('refuses an unregistered type with a clear code', async () => {
    await expect(
      callerAs(tdb.db, 'admin').customers.create({
        externalId: 'L2',
        identifiers: [{ type: 'postal_address' as never, value: 'x' }],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
