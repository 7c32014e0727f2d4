// Customer search as a property: for random customers, every query form — name in either order, accents stripped,
// case changed, any phone format, partial email, customer number — finds them in the top 10 (issue 13).
import type { TestDatabase } from '@concord/db/testing';
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCustomers } from '../../src/crm/customers/customers.ts';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import type { Database } from '../../src/db/database.ts';
import { ACCENTED_FIRST, type Country, phoneOf, rng } from '../federation/generated/population.ts';
import { openTestDb } from './helpers.ts';

const FIRST = [...ACCENTED_FIRST, 'Ana', 'Ivo'];
const LAST = [
  'Wagner',
  'Müller',
  'Bērziņš',
  'Ozoliņa',
  'Łukasiewicz',
  'Nuñez',
  'Öztürk',
  'Dvořák',
  'Rossi',
  'Smith',
  'García',
  'Kalniņš',
  'Weiß',
  'Æbelø',
];
/** Written independently of the code under test: how a user types these names on an ASCII keyboard. */
const ASCII: Record<string, string> = {
  ë: 'e',
  ā: 'a',
  ī: 'i',
  ç: 'c',
  ğ: 'g',
  ø: 'o',
  é: 'e',
  ï: 'i',
  ö: 'o',
  ł: 'l',
  É: 'E',
  Ü: 'U',
  ü: 'u',
  ē: 'e',
  ņ: 'n',
  š: 's',
  Ł: 'L',
  ñ: 'n',
  Ö: 'O',
  ř: 'r',
  á: 'a',
  í: 'i',
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Ç: 'C',
  Ø: 'O',
  Š: 'S',
};
const ascii = (s: string) => [...s].map((c) => ASCII[c] ?? c).join('');

interface Gen {
  externalId: string;
  first: string;
  last: string;
  email: string;
  phone: string;
  country: Country;
}

const SIZE = 400;
const people: Gen[] = (() => {
  const r = rng(4242);
  return Array.from({ length: SIZE }, (_, i) => {
    const country = r.pick(['US', 'GB', 'DE', 'LV', 'IT'] as const);
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    return {
      externalId: `K-${10_000 + i}`,
      first,
      last,
      country,
      email: `${ascii(first).toLowerCase()}.${ascii(last).toLowerCase()}${i}@${r.pick(['example.com', 'mail.lv', 'posta.it'])}`,
      phone: phoneOf(r, country),
    };
  });
})();

let tdb: TestDatabase<Database>;
beforeAll(async () => {
  tdb = await openTestDb('crm_search');
  await upsertCustomers(
    tdb.db,
    people.map((p) => ({
      externalId: p.externalId,
      firstName: p.first,
      lastName: p.last,
      country: p.country,
      emails: [p.email],
      // Stored the way a CRM holds it: national format, read in the customer's country.
      phones: [parsePhoneNumberFromString(p.phone)?.formatNational() ?? p.phone],
    })),
    { defaultRegion: 'DE' },
  );
});
afterAll(() => tdb.destroy());

type Form = (p: Gen, r: number) => string;
const flip = (s: string, r: number) => (r % 2 === 0 ? s.toUpperCase() : s.toLowerCase());
const FORMS: Record<string, Form> = {
  'first last': (p) => `${p.first} ${p.last}`,
  'last first': (p) => `${p.last} ${p.first}`,
  'accents stripped': (p, r) =>
    r % 2 ? `${ascii(p.first)} ${ascii(p.last)}` : `${ascii(p.last)} ${ascii(p.first)}`,
  'case changed': (p, r) => flip(`${p.first} ${p.last}`, r),
  'last name, first initial': (p) => `${ascii(p.last)} ${p.first.slice(0, 1)}`,
  'phone E.164': (p) => p.phone,
  'phone international': (p) => parsePhoneNumberFromString(p.phone)?.formatInternational() ?? '',
  'phone national': (p) => parsePhoneNumberFromString(p.phone)?.formatNational() ?? '',
  'phone digits': (p) => String(parsePhoneNumberFromString(p.phone)?.nationalNumber),
  'phone 00 prefix': (p) => `00${p.phone.slice(1)}`,
  'email exact, other case': (p) => p.email.toUpperCase(),
  'partial email': (p, r) => p.email.slice(r % 3, p.email.indexOf('@') + 1),
  'customer number': (p) => p.externalId,
};

describe('customer search', () => {
  it('every query form finds the customer in the top 10', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: SIZE - 1 }),
        fc.constantFrom(...Object.keys(FORMS)),
        fc.nat(),
        async (i, form, r) => {
          const p = people[i] as Gen;
          const query = (FORMS[form] as Form)(p, r);
          const { items } = await listCustomers(tdb.db, { search: query, limit: 10, defaultRegion: 'DE' });
          const found = items.some((c) => c.externalId === p.externalId);
          if (!found && form === 'last name, first initial') {
            // Many share a last name and initial: then the top 10 must at least all be such people.
            const key = `${ascii(p.last)} ${p.first.slice(0, 1)}`.toLowerCase();
            const sharing = people.filter(
              (q) => `${ascii(q.last)} ${q.first.slice(0, 1)}`.toLowerCase() === key,
            );
            expect(sharing.length).toBeGreaterThan(10);
            return;
          }
          expect({ form, query, found }).toEqual({ form, query, found: true });
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });

  it('ranks: exact customer number first, then exact name before prefix matches', async () => {
    const p = people[7] as Gen;
    const byNumber = await listCustomers(tdb.db, { search: p.externalId, limit: 10, defaultRegion: 'DE' });
    expect(byNumber.items[0]?.externalId).toBe(p.externalId);
    expect(byNumber.items[0]?.rank).toBe(1000);
    const byName = await listCustomers(tdb.db, {
      search: `${p.last} ${p.first}`,
      limit: 50,
      defaultRegion: 'DE',
    });
    const ranks = byName.items.map((c) => c.rank ?? 0);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(byName.items[0]?.rank).toBe(800);
  });

  it('Müller = Muller, Bērziņš = Berzins, and a domain finds its customers', async () => {
    const muller = await listCustomers(tdb.db, { search: 'muller', limit: 200, defaultRegion: 'DE' });
    expect(muller.items.length).toBe(people.filter((p) => p.last === 'Müller').length);
    const berzins = await listCustomers(tdb.db, { search: 'BERZINS', limit: 200, defaultRegion: 'DE' });
    expect(new Set(berzins.items.map((c) => c.lastName))).toEqual(new Set(['Bērziņš']));
    const domain = await listCustomers(tdb.db, { search: 'mail.lv', limit: 10, defaultRegion: 'DE' });
    expect(domain.items.length).toBe(10);
    for (const c of domain.items) expect(c.primaryEmail).toMatch(/@mail\.lv$/);
  });
});
