// fast-check generators of realistic and hostile identifiers, shared by the property tests.
import fc from 'fast-check';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';

/** National significant numbers and calling codes of libphonenumber's example mobile numbers. */
export const EXAMPLES = getCountries().flatMap((country) => {
  const example = getExampleNumber(country, examples);
  return example === undefined
    ? []
    : [{ country, callingCode: example.countryCallingCode as string, nsn: example.nationalNumber as string }];
});

export const REGIONS = EXAMPLES.map((e) => e.country);

const SEPARATORS = ['', ' ', '-', '.', '(', ')', '/', '\u00a0'];

/** Mutates a few digits, then writes the number the way people do: national, +CC, 00CC, CC only. */
export const phoneInput = fc
  .record({
    example: fc.constantFrom(...EXAMPLES),
    edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 9 })), { maxLength: 2 }),
    trim: fc.integer({ min: -1, max: 1 }),
    form: fc.constantFrom('national', 'trunk', 'plus', 'idd00', 'idd011', 'bare-cc'),
    separator: fc.constantFrom(...SEPARATORS),
    region: fc.option(fc.constantFrom('US', 'GB', 'DE', 'FR', 'IN', 'BR', 'AR', 'IT', 'JP', ...REGIONS), {
      nil: undefined,
    }),
  })
  .map(({ example, edits, trim, form, separator, region }) => {
    const digits = example.nsn.split('');
    for (const [at, d] of edits) digits[at % digits.length] = String(d);
    if (trim > 0) digits.push('5');
    if (trim < 0) digits.pop();
    const nsn = digits.join('');
    const grouped = nsn.replace(/(\d{3})(?=\d)/g, `$1${separator}`);
    const written = {
      national: grouped,
      trunk: `0${grouped}`,
      plus: `+${example.callingCode} ${grouped}`,
      idd00: `00 ${example.callingCode} ${grouped}`,
      idd011: `011 ${example.callingCode} ${grouped}`,
      'bare-cc': `${example.callingCode}${nsn}`,
    }[form];
    return {
      raw: written,
      region: region ?? (form === 'national' || form === 'trunk' ? example.country : undefined),
    };
  });

/** Anything a CSV column or a JSON body might contain. */
export const hostile = fc.oneof(
  fc.anything(),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({
    unit: fc.constantFrom('+', '0', '1', '9', ' ', '(', ')', '-', '@', '.', '\u200b', 'x', '\u0130'),
    maxLength: 40,
  }),
  fc.string({ maxLength: 2000 }),
);

const WHITESPACE = [' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\u3000', '\ufeff'];
export const surroundingWhitespace = fc.tuple(
  fc.array(fc.constantFrom(...WHITESPACE), { maxLength: 3 }),
  fc.array(fc.constantFrom(...WHITESPACE), { maxLength: 3 }),
);

/** Flips the case of ASCII letters at random. */
export const asciiCaseVariant = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((flips) =>
      Array.from(s, (c, i) =>
        flips[i] && /[a-z]/i.test(c) ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c,
      ).join(''),
    );
