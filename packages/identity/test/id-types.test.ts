// The id-type registry: stable unique wire codes, a normalizer for every profile, and the loyalty-card rules
// checked against an independent Luhn computation written here.
import { describe, expect, it } from 'vitest';
import {
  createContextNormalizer,
  deriveTokenKey,
  displayIdentifier,
  ID_TYPE_REGISTRY,
  ID_TYPES,
  ID_WIRE_CODES,
  idTypeOfWireCode,
  isIdType,
  normalize,
  PROFILE_NAMES,
  REASON_CODES,
} from '../src/index.ts';

/** Independent Luhn: double every second digit from the right using the textbook table, sum, mod 10. */
function referenceLuhn(digits: string): boolean {
  const doubled = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
  const total = [...digits]
    .reverse()
    .map(Number)
    .reduce((acc, d, i) => acc + (i % 2 === 1 ? (doubled[d] as number) : d), 0);
  return total % 10 === 0;
}

/** Appends the digit that makes `body` pass the reference Luhn check. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (referenceLuhn(body + d)) return body + d;
  throw new Error('unreachable');
}

describe('id-type registry', () => {
  it('keeps the wire codes stable and unique', () => {
    expect(ID_WIRE_CODES).toEqual({ email: 1, phone: 2, loyalty_card: 3 });
    const codes = ID_TYPES.map((t) => ID_TYPE_REGISTRY[t].wireCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c >= 1 && c <= 255).toBe(true);
    for (const t of ID_TYPES) expect(idTypeOfWireCode(ID_WIRE_CODES[t])).toBe(t);
    expect(idTypeOfWireCode(0)).toBeUndefined();
  });

  it('has a normalizer for every profile and a label for every type', () => {
    for (const t of ID_TYPES) {
      expect(ID_TYPE_REGISTRY[t].label.length).toBeGreaterThan(0);
      for (const p of PROFILE_NAMES) {
        expect(typeof ID_TYPE_REGISTRY[t].normalizers[p]).toBe('function');
        // never throws on user data, whatever the profile
        expect(normalize(p, t, '', { defaultRegion: 'US' })).toEqual({ ok: false, reason: 'empty' });
      }
    }
  });

  it('derives an independent token key per type', () => {
    const secret = new Uint8Array(32).fill(7);
    const keys = ID_TYPES.map((t) => Buffer.from(deriveTokenKey(secret, t)).toString('hex'));
    expect(new Set(keys).size).toBe(ID_TYPES.length);
  });

  it('recognizes registered names only', () => {
    expect(isIdType('loyalty_card')).toBe(true);
    expect(isIdType('toString')).toBe(false);
    expect(isIdType('postal_address')).toBe(false);
    expect(() => normalize('concord-v1', 'fax' as never, '1')).toThrow(TypeError);
  });
});

describe('loyalty_card', () => {
  const bodies = ['60349312345678', '40000000000', '5012345678901234', '123456789012345678'];

  it('accepts numbers with a correct check digit, separators stripped, in every profile', () => {
    for (const body of bodies) {
      const card = withCheckDigit(body);
      const spaced = ` ${card
        .replace(/(\d{4})/g, '$1 ')
        .trim()
        .replace(/ /g, (_, i) => (i % 2 ? '-' : ' '))} `;
      for (const p of PROFILE_NAMES) {
        expect(normalize(p, 'loyalty_card', card)).toEqual({ ok: true, value: card });
        expect(normalize(p, 'loyalty_card', spaced)).toEqual({ ok: true, value: card });
      }
    }
  });

  it('refuses every wrong check digit with loyalty_card_check_digit', () => {
    for (const body of bodies) {
      const good = withCheckDigit(body);
      for (let d = 0; d <= 9; d++) {
        const card = body + d;
        const expected = referenceLuhn(card)
          ? { ok: true, value: card }
          : { ok: false, reason: 'loyalty_card_check_digit' };
        expect(normalize('concord-v1', 'loyalty_card', card)).toEqual(expected);
        expect(card === good).toBe(referenceLuhn(card));
      }
    }
  });

  it('checks length, characters and emptiness', () => {
    expect(normalize('concord-v1', 'loyalty_card', withCheckDigit('1234567890'))).toEqual({
      ok: false,
      reason: 'loyalty_card_length',
    }); // 11 digits
    expect(normalize('concord-v1', 'loyalty_card', withCheckDigit('1234567890123456789'))).toEqual({
      ok: false,
      reason: 'loyalty_card_length',
    }); // 20 digits
    expect(normalize('concord-v1', 'loyalty_card', '6034 9312 3456 789X')).toEqual({
      ok: false,
      reason: 'invalid_characters',
    });
    expect(normalize('concord-v1', 'loyalty_card', ' - ')).toEqual({ ok: false, reason: 'empty' });
    expect(normalize('concord-v1', 'loyalty_card', '1'.repeat(65))).toEqual({
      ok: false,
      reason: 'too_long',
    });
    expect(normalize('concord-v1', 'loyalty_card', 42)).toEqual({ ok: false, reason: 'not_a_string' });
    expect(REASON_CODES.slice(-2)).toEqual(['loyalty_card_length', 'loyalty_card_check_digit']);
  });

  it('is read without a region and shown in groups of four', () => {
    const card = withCheckDigit('603493123456789');
    const read = createContextNormalizer('concord-v1', 'DE')('loyalty_card', card, { customerCountry: 'US' });
    expect(read).toEqual({ ok: true, value: card, region: null, regionSource: null });
    expect(displayIdentifier('loyalty_card', card, card)).toBe(card.replace(/(\d{4})(?=\d)/g, '$1 '));
    expect(displayIdentifier('loyalty_card', null, 'bad')).toBe('bad');
  });
});
