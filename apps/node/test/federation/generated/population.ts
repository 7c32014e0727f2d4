// Generator for the identity federation test: people living in US, GB, DE, LV and IT, written into each node's CSV
// the way real CRMs hold them (national and international formats, noise, a share of invalid values), and the
// expected cross-sell list computed from the generator's own knowledge — never from the code under test.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { createRng, type Rng } from '../../../src/seed/random.ts';

export type Country = 'US' | 'GB' | 'DE' | 'LV' | 'IT';
export const COUNTRIES: Country[] = ['US', 'GB', 'DE', 'LV', 'IT'];

/** Deterministic PRNG (the seed's mulberry32): a failing seed can be replayed. */
export const rng = createRng;
export type { Rng };

const digits = (r: Rng, n: number) => Array.from({ length: n }, () => r.int(0, 9)).join('');

/** National significant numbers of mobile/landline ranges, checked with libphonenumber-js before use. */
const NUMBER_SHAPES: Record<Country, (r: Rng) => string> = {
  US: (r) =>
    `${r.pick(['212', '312', '650', '415', '617', '303', '206', '404'])}${r.int(2, 9)}${digits(r, 2)}${digits(r, 4)}`,
  GB: (r) => `77${r.int(1, 7)}${digits(r, 7)}`,
  DE: (r) => (r.chance(0.5) ? `170${digits(r, 7)}` : `30${r.int(2, 9)}${digits(r, 6)}`),
  LV: (r) => `2${r.int(0, 9)}${digits(r, 6)}`,
  IT: (r) => `3${r.int(2, 9)}${digits(r, 8)}`,
};
const CALLING: Record<Country, string> = { US: '1', GB: '44', DE: '49', LV: '371', IT: '39' };

export function phoneOf(r: Rng, country: Country): string {
  for (;;) {
    const e164 = `+${CALLING[country]}${NUMBER_SHAPES[country](r)}`;
    if (parsePhoneNumberFromString(e164)?.isValid()) return e164;
  }
}

export interface Person {
  id: number;
  country: Country;
  first: string;
  last: string;
  /** The true identifiers. */
  email: string;
  phone: string;
}

const FIRST = [
  'Karl',
  'Anna',
  'Jānis',
  'Līga',
  'Giulia',
  'Marco',
  'Emily',
  'James',
  'Sophie',
  'Jürgen',
  'Zoë',
];
const LAST = [
  'Wagner',
  'Müller',
  'Bērziņš',
  'Rossi',
  'Smith',
  'Ozoliņa',
  'Brown',
  'Schröder',
  'Esposito',
  'Kalniņš',
];
const DOMAINS = ['gmail.com', 'example.com', 'inbox.lv', 'libero.it', 'web.de', 'outlook.com'];

export function population(seed: number, size: number): Person[] {
  const r = rng(seed);
  return Array.from({ length: size }, (_, id) => {
    const country = r.pick(COUNTRIES);
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    return {
      id,
      country,
      first,
      last,
      email: `p${id}.${r.int(100, 999)}@${r.pick(DOMAINS)}`,
      phone: phoneOf(r, country),
    };
  });
}

/** A value as one node holds it, and whether that node reads it as the person's true identifier. */
export interface Written {
  value: string;
  /** True when the documented rules read it back to the true identifier. */
  readsTrue: boolean;
}

const SPACES = ['', ' ', '  ', '\u00a0'];

function noisy(r: Rng, v: string): string {
  return `${r.pick(SPACES)}${v}${r.pick(SPACES)}`;
}

/** The person's email as typed into one CRM: case, spaces, gmail dots and +tags; some broken. */
export function writeEmail(r: Rng, p: Person, invalidShare: number): Written {
  if (r.chance(invalidShare)) {
    return {
      value: r.pick([p.email.replace('@', ''), p.email.replace('@', ' @'), `${p.email}@`]),
      readsTrue: false,
    };
  }
  let v = p.email;
  const [local, domain] = v.split('@') as [string, string];
  // Gmail ignores dots and +tags (documented concord-v1 provider rule): the same mailbox.
  if (domain === 'gmail.com' && r.chance(0.5)) v = `${local.replace(/^p/, 'p.')}+crm@${domain}`;
  if (r.chance(0.3)) v = v.toUpperCase();
  return { value: noisy(r, v), readsTrue: true };
}

/**
 * The person's phone as typed into one CRM. National formats are only read correctly with a region: the row's
 * country, or the node's default when the row has none and the default is the person's country.
 */
export function writePhone(
  r: Rng,
  p: Person,
  ctx: { rowHasCountry: boolean; nodeRegion: Country; invalidShare: number },
): Written {
  const parsed = parsePhoneNumberFromString(p.phone);
  if (!parsed) throw new Error(`generator produced an unparsable number ${p.phone}`);
  if (r.chance(ctx.invalidShare)) {
    const nsn = String(parsed.nationalNumber);
    return {
      value: r.pick([nsn.slice(0, 3), `${parsed.formatNational()} ext. 12`, `+${CALLING[p.country]}0`]),
      readsTrue: false,
    };
  }
  // `00 49 …` is read with the international prefix of the region it is read in: 00 everywhere here but the US (011).
  const readIn = ctx.rowHasCountry ? p.country : ctx.nodeRegion;
  const exit = r.chance(0.2);
  if (exit) {
    return {
      value: noisy(r, `00 ${CALLING[p.country]} ${parsed.nationalNumber}`),
      readsTrue: readIn !== 'US',
    };
  }
  const international = [p.phone, parsed.formatInternational()];
  const national = [
    parsed.formatNational(),
    String(parsed.formatNational()).replace(/[ ()]/g, '-').replace(/^-+/, ''),
  ];
  if (p.country === 'US')
    national.push(`1-${String(parsed.nationalNumber).replace(/(\d{3})(\d{3})(\d{4})/, '$1-$2-$3')}`);
  const useNational = r.chance(0.6);
  const value = noisy(r, useNational ? r.pick(national) : r.pick(international));
  const regionKnown = ctx.rowHasCountry || ctx.nodeRegion === p.country;
  return { value, readsTrue: !useNational || regionKnown };
}

/** Names with the accents and special letters real customer files carry (search test and bench). */
export const ACCENTED_FIRST = [
  'Karl',
  'Zoë',
  'Jānis',
  'Līga',
  'Çağla',
  'Søren',
  'José',
  'Anaïs',
  'Björn',
  'Małgorzata',
  'Émile',
  'Ülle',
];
