// Synthetic people and the noisy ways two partners write their emails and phones (deterministic).
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { parsePhoneDigits } from '../src/phone/parse.ts';
import { FIRST, LAST } from './names.ts';

/** mulberry32: tiny deterministic PRNG so every run sees the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
const digits = (r: Rand, n: number): string => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');

/** Weighted mail domains: consumer providers (with their addressing quirks) and company domains. */
const DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 34],
  ['outlook.com', 8],
  ['hotmail.com', 5],
  ['yahoo.com', 8],
  ['icloud.com', 5],
  ['web.de', 4],
  ['acme-corp.com', 10],
  ['example.org', 10],
  ['mail.example.co.uk', 8],
  ['bücher.de', 3],
  ['fastmail.com', 5],
];
const DOMAIN_TOTAL = DOMAINS.reduce((sum, [, w]) => sum + w, 0);
const SUBADDRESS = new Set(['outlook.com', 'hotmail.com', 'fastmail.com']);
const COMPANY = new Set(['acme-corp.com', 'example.org', 'mail.example.co.uk']);

function pickDomain(r: Rand): string {
  let x = r() * DOMAIN_TOTAL;
  for (const [domain, weight] of DOMAINS) {
    x -= weight;
    if (x < 0) return domain;
  }
  return 'example.org';
}

/** Regions of the people's phones and how often they occur. */
const PHONE_REGIONS: readonly (readonly [string, number])[] = [
  ['US', 55],
  ['GB', 25],
  ['DE', 15],
  ['FR', 5],
];

function nationalCandidate(r: Rand, region: string): string {
  switch (region) {
    case 'US':
      return (
        pick(r, ['201', '212', '312', '415', '617', '650', '718', '305', '503', '206']) +
        pick(r, ['2', '3', '4', '5', '6', '7', '8', '9']) +
        digits(r, 6)
      );
    case 'GB':
      return r() < 0.6
        ? `7${pick(r, ['4', '5', '7', '8', '9'])}${digits(r, 8)}`
        : `20${pick(r, ['3', '7', '8'])}${digits(r, 7)}`;
    case 'DE':
      return r() < 0.6
        ? `1${pick(r, ['51', '52', '57', '60', '62', '70', '71', '76'])}${digits(r, 7)}`
        : `30${digits(r, 8)}`;
    default:
      return `${pick(r, ['6', '7'])}${digits(r, 8)}`;
  }
}

const PHONE_REGION_TOTAL = PHONE_REGIONS.reduce((s, [, w]) => s + w, 0);

/** A phone no one generated yet, in a region drawn by weight; the new number is added to `phones`. */
function uniquePhone(r: Rand, phones: Set<string>): { phone: string; phoneRegion: string } {
  let x = r() * PHONE_REGION_TOTAL;
  let phoneRegion = 'US';
  for (const [region, weight] of PHONE_REGIONS) {
    x -= weight;
    if (x < 0) {
      phoneRegion = region;
      break;
    }
  }
  let phone = '';
  for (;;) {
    const parsed = parsePhoneDigits(nationalCandidate(r, phoneRegion), phoneRegion);
    if (!parsed.ok) continue;
    phone = `+${parsed.callingCode}${parsed.nationalNumber}`;
    if (!phones.has(phone)) break;
  }
  phones.add(phone);
  return { phone, phoneRegion };
}

export interface Person {
  readonly id: number;
  /** The address the person signed up with (its concord-v1 form is the identity). */
  readonly email: string;
  readonly emailDomain: string;
  /** E.164 */
  readonly phone: string;
  readonly phoneRegion: string;
  /** Id of the person whose address this one nearly duplicates (a different mailbox), if any. */
  readonly twinOf?: number;
}

/**
 * People with unique mailboxes and unique phones. Near-duplicates are deliberate: on non-Google
 * domains "ann.lee@x" and "annlee@x" can both exist and are different people.
 */
export function generatePeople(count: number, seed: number): Person[] {
  const r = rng(seed);
  const mailboxes = new Set<string>();
  const phones = new Set<string>();
  const people: Person[] = [];
  for (let id = 0; id < count; id++) {
    const first = pick(r, FIRST);
    const last = pick(r, LAST);
    let domain = pickDomain(r);
    let local = pick(r, [
      `${first}.${last}`,
      `${first}${last}`,
      `${first[0]}${last}`,
      `${first}_${last}`,
      `${last}.${first}`,
    ]);
    // Twins: a different person whose address differs from someone else's only where it matters
    // (a dot off Gmail, a '+' on a company domain). Over-normalizing profiles would merge them.
    const source = id > 0 && r() < 0.06 ? people[Math.floor(r() * id)] : undefined;
    let twinOf: number | undefined;
    if (source !== undefined && source.emailDomain !== 'gmail.com') {
      const [sourceLocal] = source.email.split('@') as [string];
      if (sourceLocal.includes('.')) {
        domain = source.emailDomain;
        local = sourceLocal.replaceAll('.', '');
        twinOf = source.id;
      } else if (COMPANY.has(source.emailDomain)) {
        domain = source.emailDomain;
        local = `${sourceLocal}+${pick(r, ['eu', 'sales', 'home'])}`;
        twinOf = source.id;
      }
    }
    const mailboxOf = (l: string) => (domain === 'gmail.com' ? l.replaceAll('.', '') : l);
    let n = 0;
    let candidate = local;
    while (mailboxes.has(`${mailboxOf(candidate)}@${domain}`))
      candidate = `${local}${++n + Math.floor(r() * 90)}`;
    mailboxes.add(`${mailboxOf(candidate)}@${domain}`);

    const { phone, phoneRegion } = uniquePhone(r, phones);
    const email = `${candidate}@${domain}`;
    people.push(
      twinOf === undefined || candidate !== local
        ? { id, email, emailDomain: domain, phone, phoneRegion }
        : { id, email, emailDomain: domain, phone, phoneRegion, twinOf },
    );
  }
  return people;
}

// Includes what copy-paste from web pages and spreadsheets leaves behind: no-break and zero-width spaces.
const WHITESPACE = [' ', '  ', '\t', '\u00a0', ' \t', '\u200b'];

function caseNoise(r: Rand, s: string): string {
  const x = r();
  if (x < 0.5) return s;
  if (x < 0.65) return s.toUpperCase();
  if (x < 0.85) return s.replace(/(^|[._@-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
  return Array.from(s, (c) => (r() < 0.5 ? c.toUpperCase() : c)).join('');
}

function spaceNoise(r: Rand, s: string): string {
  if (r() >= 0.25) return s;
  return (r() < 0.5 ? pick(r, WHITESPACE) : '') + s + (r() < 0.7 ? pick(r, WHITESPACE) : '');
}

/** How a partner's CRM might hold this person's email: case, whitespace, gmail dots, +tags, IDN. */
export function writeEmail(r: Rand, person: Person): string {
  let [local, domain] = person.email.split('@') as [string, string];
  if (domain === 'gmail.com') {
    if (r() < 0.5) local = local.replaceAll('.', '');
    if (r() < 0.3) {
      const at = 1 + Math.floor(r() * (local.length - 1));
      local = `${local.slice(0, at)}.${local.slice(at)}`.replace('..', '.');
    }
    if (r() < 0.2) local += `+${pick(r, ['news', 'shop', 'work', 'promo'])}`;
    if (r() < 0.2) domain = 'googlemail.com';
  } else if (SUBADDRESS.has(domain) && r() < 0.2) {
    local += `+${pick(r, ['news', 'shop'])}`;
  } else if (domain === 'bücher.de' && r() < 0.4) {
    domain = 'xn--bcher-kva.de';
  }
  return spaceNoise(r, caseNoise(r, `${local}@${domain}`));
}

const IDD: Readonly<Record<string, string>> = { US: '011', GB: '00', DE: '00', FR: '00' };

/** How a partner in `partnerRegion` might hold this person's phone: national or international formats. */
export function writePhone(r: Rand, person: Person, partnerRegion: string): string {
  const number = parsePhoneNumberWithError(person.phone);
  const national = number.formatNational();
  const international = number.formatInternational();
  const nsn = number.nationalNumber as string;
  const cc = number.countryCallingCode as string;
  const forms: string[] = [person.phone, international, `${IDD[partnerRegion]} ${international.slice(1)}`];
  if (person.phoneRegion === partnerRegion) {
    forms.push(national, national.replace(/\D/g, ''), national.replace(/[\s()]+/g, '-').replace(/^-/, ''));
    if (partnerRegion === 'US')
      forms.push(
        `1-${nsn.slice(0, 3)}-${nsn.slice(3, 6)}-${nsn.slice(6)}`,
        `${nsn.slice(0, 3)}.${nsn.slice(3, 6)}.${nsn.slice(6)}`,
      );
  }
  if (person.phoneRegion !== 'US') forms.push(`+${cc} (0)${nsn.slice(0, 2)} ${nsn.slice(2)}`);
  return spaceNoise(r, pick(r, forms));
}

/** Junk that shows up in real CRM phone and email columns. */
export const JUNK: readonly string[] = [
  '',
  'n/a',
  '-',
  'none',
  '000',
  'test@',
  '@example.com',
  '+1 555',
  'tbd',
  '0',
];
