// Our compiled phone parser must give libphonenumber-js's answer, input for input.
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { normalize } from '../src/index.ts';
import { parsePhoneDigits } from '../src/phone/parse.ts';
import { EXAMPLES, phoneInput, REGIONS } from './support/arbitraries.ts';

type Region = Parameters<typeof parsePhoneNumberFromString>[1];

/** libphonenumber-js's verdict: the E.164 number if valid, else undefined. */
function oracle(raw: string, region: string | undefined): string | undefined {
  const parsed = parsePhoneNumberFromString(raw, region as Region);
  return parsed?.isValid() === true ? parsed.number : undefined;
}

function ours(digits: string, region: string | undefined): string | undefined {
  const parsed = parsePhoneDigits(digits, region);
  return parsed.ok ? `+${parsed.callingCode}${parsed.nationalNumber}` : undefined;
}

describe('parsePhoneDigits ≡ libphonenumber-js parse + isValid', () => {
  it('on every region’s example number, in every written form, read from several regions', () => {
    let valid = 0;
    for (const { country, callingCode, nsn } of EXAMPLES) {
      for (const digits of [
        nsn,
        `0${nsn}`,
        `+${callingCode}${nsn}`,
        `${callingCode}${nsn}`,
        `00${callingCode}${nsn}`,
        `011${callingCode}${nsn}`,
      ]) {
        for (const region of [country, 'US', 'GB', 'DE', 'BR', undefined]) {
          const expected = oracle(digits, region);
          if (expected !== undefined) valid++;
          expect(ours(digits, region), `${digits} in ${region}`).toBe(expected);
        }
      }
    }
    // The sweep must exercise valid numbers, not only rejections.
    expect(valid).toBeGreaterThan(1000);
  });

  it('on random digit strings with random regions', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\+?[0-9]{1,18}$/),
        fc.option(fc.constantFrom(...REGIONS), { nil: undefined }),
        (digits, region) => {
          expect(ours(digits, region)).toBe(oracle(digits, region));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('through normalize(), on formatted near-valid numbers', () => {
    fc.assert(
      fc.property(phoneInput, ({ raw, region }) => {
        const result = normalize('concord-v1', 'phone', raw, { defaultRegion: region });
        const valid = oracle(raw, region);
        // libphonenumber accepts some German numbers longer than E.164's 15 digits; profiles do not.
        const expected = valid !== undefined && valid.length <= 16 ? valid : undefined;
        expect(result.ok ? result.value : undefined).toBe(expected);
        if (valid !== undefined && valid.length > 16)
          expect(result).toEqual({ ok: false, reason: 'phone_too_long' });
      }),
      { numRuns: 3000 },
    );
  });

  it('caps at E.164’s 15 digits where libphonenumber allows more', () => {
    expect(oracle('55119612345675', 'DE')).toBe('+4955119612345675');
    expect(normalize('concord-v1', 'phone', '55119612345675', { defaultRegion: 'DE' })).toEqual({
      ok: false,
      reason: 'phone_too_long',
    });
  });
});
