// Match quality per profile: two partners hold overlapping, noisily written people; count what matches.
import { createTokenWriter } from '../src/crypto/fast-token.ts';
import { deriveTokenKey } from '../src/crypto/token.ts';
import { createNormalizer, type Normalizer } from '../src/normalize.ts';
import { PROFILE_NAMES, type ProfileName } from '../src/types.ts';
import { generatePeople, type Person, rng, writeEmail, writePhone } from './dataset.ts';

interface PartnerRecord {
  readonly personId: number;
  readonly email: string | undefined;
  readonly phone: string | undefined;
}

interface Partner {
  readonly region: string;
  readonly records: readonly PartnerRecord[];
}

export interface QualityResult {
  readonly profile: ProfileName | 'control';
  /** Shared people found (matched to themselves) / shared people. */
  readonly recall: number;
  /** Matched pairs of two different people. */
  readonly falseMatches: number;
  /** falseMatches / all matched pairs. */
  readonly falseMatchRate: number;
  readonly matchedPairs: number;
  /** Identifiers (both partners) the profile rejected as invalid. */
  readonly invalidIdentifiers: number;
}

export interface QualityReport {
  readonly people: number;
  readonly partnerA: { readonly region: string; readonly people: number };
  readonly partnerB: { readonly region: string; readonly people: number };
  readonly sharedPeople: number;
  /**
   * Pairs of different people, one at each partner, whose addresses differ only by a dot (off
   * Gmail) or a '+tag' on a company domain: the traps for over-eager normalization.
   */
  readonly nearDuplicatePairsAcrossPartners: number;
  readonly results: readonly QualityResult[];
  /** The over-normalizing control (see controlNormalizer). */
  readonly control: QualityResult;
}

/**
 * Partner A (US) holds the first 60% of people, partner B (GB) the last 60%, so 20% are shared.
 * Each record has an email (90%) and/or a phone (80%); a shared person always has at least one
 * identifier type on both sides, so every shared person is findable in principle.
 */
function buildPartners(people: readonly Person[], seed: number): [Partner, Partner, number] {
  const r = rng(seed);
  const n = people.length;
  const aEnd = Math.floor(n * 0.6);
  const bStart = Math.floor(n * 0.4);
  const has = people.map(() => ({
    aEmail: r() < 0.9,
    aPhone: r() < 0.8,
    bEmail: r() < 0.9,
    bPhone: r() < 0.8,
  }));
  for (let id = bStart; id < aEnd; id++) {
    const h = has[id] as (typeof has)[number];
    if (!((h.aEmail && h.bEmail) || (h.aPhone && h.bPhone))) {
      h.aEmail = true;
      h.bEmail = true;
    }
  }
  const write = (region: string, from: number, to: number, side: 'a' | 'b'): Partner => {
    const records: PartnerRecord[] = [];
    for (let id = from; id < to; id++) {
      const person = people[id] as Person;
      const h = has[id] as (typeof has)[number];
      const wantEmail = side === 'a' ? h.aEmail : h.bEmail;
      const wantPhone = side === 'a' ? h.aPhone : h.bPhone;
      records.push({
        personId: id,
        email: wantEmail ? writeEmail(r, person) : undefined,
        phone: wantPhone ? writePhone(r, person, region) : undefined,
      });
    }
    return { region, records };
  };
  return [write('US', 0, aEnd, 'a'), write('GB', bStart, n, 'b'), aEnd - bStart];
}

const SECRET = new Uint8Array(32).map((_, i) => 255 - i);

/**
 * Control, not a profile: concord-v1 plus dot and '+tag' removal on every domain. It should make
 * false matches on the near-duplicate pairs, showing the ground truth can detect them.
 */
function controlNormalizer(region: string): Normalizer {
  const base = createNormalizer('concord-v1', { defaultRegion: region });
  return (idType, raw) => {
    const result = base(idType, raw);
    if (!result.ok || idType !== 'email') return result;
    const [local, domain] = result.value.split('@') as [string, string];
    return { ok: true, value: `${local.split('+')[0]?.replaceAll('.', '')}@${domain}` };
  };
}

function tokensOf(
  profile: ProfileName | 'control',
  partner: Partner,
): { tokens: string[][]; invalid: number } {
  const normalize =
    profile === 'control'
      ? controlNormalizer(partner.region)
      : createNormalizer(profile, { defaultRegion: partner.region });
  const email = createTokenWriter('hmac', deriveTokenKey(SECRET, 'email'));
  const phone = createTokenWriter('hmac', deriveTokenKey(SECRET, 'phone'));
  const out = new Uint8Array(32);
  let invalid = 0;
  const token = (write: typeof email, value: string) => {
    write(value, out, 0);
    return Buffer.from(out).toString('base64');
  };
  const tokens = partner.records.map((record) => {
    const mine: string[] = [];
    if (record.email !== undefined) {
      const result = normalize('email', record.email);
      if (result.ok) mine.push(token(email, result.value));
      else invalid++;
    }
    if (record.phone !== undefined) {
      const result = normalize('phone', record.phone);
      if (result.ok) mine.push(token(phone, result.value));
      else invalid++;
    }
    return mine;
  });
  return { tokens, invalid };
}

function evaluate(profile: ProfileName | 'control', a: Partner, b: Partner, shared: number): QualityResult {
  const ta = tokensOf(profile, a);
  const tb = tokensOf(profile, b);
  const index = new Map<string, number[]>();
  tb.tokens.forEach((tokens, i) => {
    const personId = (b.records[i] as PartnerRecord).personId;
    for (const t of tokens) {
      const list = index.get(t);
      if (list === undefined) index.set(t, [personId]);
      else if (!list.includes(personId)) list.push(personId);
    }
  });
  let found = 0;
  let falseMatches = 0;
  let matchedPairs = 0;
  ta.tokens.forEach((tokens, i) => {
    const personId = (a.records[i] as PartnerRecord).personId;
    // Multi-key matching: any equal token links two records; each pair counts once.
    const partners = new Set<number>();
    for (const t of tokens) for (const other of index.get(t) ?? []) partners.add(other);
    matchedPairs += partners.size;
    for (const other of partners) {
      if (other === personId) found++;
      else falseMatches++;
    }
  });
  return {
    profile,
    recall: found / shared,
    falseMatches,
    falseMatchRate: matchedPairs === 0 ? 0 : falseMatches / matchedPairs,
    matchedPairs,
    invalidIdentifiers: ta.invalid + tb.invalid,
  };
}

function nearDuplicatesAcross(people: readonly Person[], a: Partner, b: Partner): number {
  const inA = new Set(a.records.filter((x) => x.email !== undefined).map((x) => x.personId));
  const inB = new Set(b.records.filter((x) => x.email !== undefined).map((x) => x.personId));
  let pairs = 0;
  for (const person of people) {
    if (person.twinOf === undefined) continue;
    if ((inA.has(person.id) && inB.has(person.twinOf)) || (inB.has(person.id) && inA.has(person.twinOf)))
      pairs++;
  }
  return pairs;
}

export function runQuality(peopleCount: number, seed = 2024): QualityReport {
  const people = generatePeople(peopleCount, seed);
  const [a, b, shared] = buildPartners(people, seed + 1);
  return {
    nearDuplicatePairsAcrossPartners: nearDuplicatesAcross(people, a, b),
    people: peopleCount,
    partnerA: { region: a.region, people: a.records.length },
    partnerB: { region: b.region, people: b.records.length },
    sharedPeople: shared,
    results: PROFILE_NAMES.map((profile) => evaluate(profile, a, b, shared)),
    control: evaluate('control', a, b, shared),
  };
}
