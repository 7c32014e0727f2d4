// Properties every profile must hold: idempotence, case/whitespace-blind email tokens,
// valid E.164 out, and no exception whatever comes in.
import fc from 'fast-check';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { deriveTokenKey, normalize, PROFILE_NAMES, REASON_CODES, tokenize } from '../src/index.ts';
import { asciiCaseVariant, hostile, phoneInput, surroundingWhitespace } from './support/arbitraries.ts';

const emailInput = fc.oneof(
  fc.emailAddress(),
  fc.emailAddress().map((e) => e.replace(/@.*$/, '@gmail.com')),
  fc.emailAddress().map((e) => e.replace(/@.*$/, '@googlemail.com')),
  fc.emailAddress().map((e) => e.replace(/@.*$/, '@outlook.com')),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map((local) => `${local}@b\u00fccher.de`),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

describe.each(PROFILE_NAMES)('%s', (profile) => {
  it('normalizing is idempotent', () => {
    fc.assert(
      fc.property(emailInput, (raw) => {
        const once = normalize(profile, 'email', raw);
        if (once.ok) expect(normalize(profile, 'email', once.value)).toEqual(once);
      }),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(phoneInput, ({ raw, region }) => {
        const options = { defaultRegion: region };
        const once = normalize(profile, 'phone', raw, options);
        if (once.ok) expect(normalize(profile, 'phone', once.value, options)).toEqual(once);
      }),
      { numRuns: 1500 },
    );
  });

  it('case and surrounding whitespace never change an email’s token', () => {
    const key = deriveTokenKey(new Uint8Array(32).fill(7), 'email');
    const token = (r: ReturnType<typeof normalize>) =>
      r.ok ? Buffer.from(tokenize(key, r.value)).toString('hex') : r.reason;
    fc.assert(
      fc.property(
        emailInput.chain((e) => fc.tuple(fc.constant(e), asciiCaseVariant(e), surroundingWhitespace)),
        ([original, recased, [before, after]]) => {
          const variant = `${before.join('')}${recased}${after.join('')}`;
          expect(token(normalize(profile, 'email', variant))).toBe(
            token(normalize(profile, 'email', original)),
          );
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('every ok phone is valid E.164 for the profile', () => {
    const shape = {
      uid2: /^\+[0-9]{10,15}$/,
      google: /^\+[1-9][0-9]{1,14}$/,
      meta: /^[1-9][0-9]{1,14}$/,
      'concord-v1': /^\+[1-9][0-9]{1,14}$/,
    }[profile];
    let ok = 0;
    fc.assert(
      fc.property(phoneInput, ({ raw, region }) => {
        const result = normalize(profile, 'phone', raw, { defaultRegion: region });
        if (!result.ok) return;
        ok++;
        expect(result.value).toMatch(shape);
        const e164 = profile === 'meta' ? `+${result.value}` : result.value;
        // uid2 also passes through input that already is '+' and 10–15 digits, as its operator does.
        const passthrough = profile === 'uid2' && raw === result.value;
        if (!passthrough) expect(isValidPhoneNumber(e164)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(ok).toBeGreaterThan(300);
  });

  it('invalid input never throws and always yields a known reason', () => {
    fc.assert(
      fc.property(
        hostile,
        fc.constantFrom('email', 'phone') as fc.Arbitrary<'email' | 'phone'>,
        fc.constantFrom(undefined, 'US', 'DE', 'JP'),
        (raw, type, region) => {
          const result = normalize(profile, type, raw, { defaultRegion: region });
          if (result.ok) expect(typeof result.value).toBe('string');
          else expect(REASON_CODES).toContain(result.reason);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
