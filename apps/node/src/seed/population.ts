// Synthetic people shared across the demo partners, and how each company's records spell them differently.
import { createRng, type Rng } from './random.ts';

export type SeedProfile = 'bank' | 'insurer' | 'dealer';

export interface Person {
  index: number;
  firstName: string;
  lastName: string;
  /** Canonical mailbox; companies store variants of it. */
  email: string;
  /** German mobile number, national significant part (no 0, no +49). */
  mobile: string;
  city: string;
  birthYear: number;
}

const FIRST = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Elena',
  'Felix',
  'Greta',
  'Hannah',
  'Jonas',
  'Karl',
  'Lea',
  'Lukas',
  'Marie',
  'Max',
  'Nina',
  'Oskar',
  'Paula',
  'Sophie',
  'Tim',
  'Zoe',
  'Mehmet',
  'Aylin',
  'Piotr',
  'Olga',
];
const LAST = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Neumann',
  'Schwarz',
  'Yılmaz',
  'Nowak',
  'Braun',
  'Zimmermann',
];
const CITIES = [
  'Berlin',
  'Hamburg',
  'München',
  'Köln',
  'Frankfurt',
  'Stuttgart',
  'Leipzig',
  'Dresden',
  'Bremen',
  'Hannover',
];
const DOMAINS = ['gmail.com', 'web.de', 'gmx.de', 'outlook.com', 'posteo.de', 't-online.de'];
const MOBILE_PREFIXES = [
  '151',
  '152',
  '157',
  '160',
  '162',
  '170',
  '171',
  '172',
  '173',
  '174',
  '175',
  '176',
  '177',
  '178',
  '179',
];

function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase();
}

function makePerson(rng: Rng, index: number): Person {
  const firstName = rng.pick(FIRST);
  const lastName = rng.pick(LAST);
  const domain = rng.pick(DOMAINS);
  // The index keeps mailboxes and numbers unique across the population.
  const email = `${ascii(firstName)}.${ascii(lastName)}${index}@${domain}`;
  const prefix = rng.pick(MOBILE_PREFIXES);
  const digits = String(10_000_000 + ((index * 7919 + rng.int(0, 999)) % 89_999_999)).slice(0, 8);
  return {
    index,
    firstName,
    lastName,
    email,
    mobile: `${prefix}${digits}`,
    city: rng.pick(CITIES),
    birthYear: rng.int(1950, 2004),
  };
}

/** The whole population, identical on every node (same seed). */
export function population(size: number, seed = 2026): Person[] {
  const rng = createRng(seed);
  return Array.from({ length: size }, (_, i) => makePerson(rng, i));
}

/** Which people are customers of which company: overlapping but different subsets. */
export function isCustomerOf(profile: SeedProfile, person: Person): boolean {
  const h = (person.index * 2654435761) >>> 0;
  const r = (h % 1000) / 1000;
  switch (profile) {
    case 'bank':
      return r < 0.55;
    case 'insurer':
      return r > 0.3 && r < 0.8;
    case 'dealer':
      return r > 0.45 || r < 0.08;
  }
}

/** How a company's clerks typed the e-mail: case, whitespace, gmail dots and +tags. */
export function emailVariant(rng: Rng, email: string): string {
  let [local = '', domain = ''] = email.split('@');
  if (domain === 'gmail.com' && rng.chance(0.3))
    local = `${local.replace('.', '')}+${rng.pick(['news', 'shop', 'bank'])}`;
  let out = `${local}@${domain}`;
  if (rng.chance(0.25)) out = out.replace(/^./, (c) => c.toUpperCase());
  if (rng.chance(0.1)) out = out.toUpperCase();
  if (rng.chance(0.15)) out = ` ${out} `;
  return out;
}

/** How a company stored the phone: national, international, with separators. */
export function phoneVariant(rng: Rng, mobile: string): string {
  const head = mobile.slice(0, 3);
  const tail = mobile.slice(3);
  switch (rng.int(0, 4)) {
    case 0:
      return `0${head} ${tail}`;
    case 1:
      return `+49 ${head} ${tail}`;
    case 2:
      return `0049${mobile}`;
    case 3:
      return `(0${head}) ${tail.slice(0, 3)}-${tail.slice(3)}`;
    default:
      return `+49${mobile}`;
  }
}
