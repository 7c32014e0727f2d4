// concord-v1 rules as stated in docs/identity.md, one example per rule, and every reason code.
import { describe, expect, it } from 'vitest';
import { type IdType, normalize, REASON_CODES, type ReasonCode } from '../src/index.ts';

const email = (raw: unknown) => normalize('concord-v1', 'email', raw);
const phone = (raw: unknown, defaultRegion?: string) =>
  normalize('concord-v1', 'phone', raw, { defaultRegion });

describe('concord-v1 email', () => {
  it.each([
    [' Jane.Doe+Work@GoogleMail.com ', 'janedoe@gmail.com'],
    ['j.a.n.e.d.o.e@gmail.com', 'janedoe@gmail.com'],
    ['Bob+News@Outlook.com', 'bob@outlook.com'],
    ['bob.smith+x@hotmail.com', 'bob.smith@hotmail.com'],
    ['ann+sales@acme-corp.com', 'ann+sales@acme-corp.com'],
    ['Ann.Lee@Example.org', 'ann.lee@example.org'],
    ['\u200bjane@example.com\ufeff', 'jane@example.com'],
    ['\u00a0\tjane@example.com\u3000', 'jane@example.com'],
    ['Ame\u0301lie@example.fr', 'am\u00e9lie@example.fr'],
    ['AM\u00c9LIE@EXAMPLE.FR', 'am\u00e9lie@example.fr'],
    ['info@B\u00fccher.DE', 'info@xn--bcher-kva.de'],
    ['info@xn--bcher-kva.de', 'info@xn--bcher-kva.de'],
    ['\u00fcser@example.com', '\u00fcser@example.com'],
    ["o'brien!#$%&*/=?^_`{|}~-@example.com", "o'brien!#$%&*/=?^_`{|}~-@example.com"],
  ])('%j → %s', (raw, value) => {
    expect(email(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['jane doe@example.com', 'invalid_characters'],
    ['jane\u0007@example.com', 'invalid_characters'],
    ['ja\u200bne@example.com', 'invalid_characters'],
    ['jane@@example.com', 'email_at_sign'],
    ['jane.example.com', 'email_at_sign'],
    ['"jane"@example.com', 'email_local_part'],
    ['.jane@example.com', 'email_local_part'],
    ['jane.@example.com', 'email_local_part'],
    ['ja..ne@example.com', 'email_local_part'],
    ['+tag@gmail.com', 'email_local_part'],
    [`${'a'.repeat(65)}@example.com`, 'email_local_part'],
    ['jane@localhost', 'email_domain'],
    ['jane@example', 'email_domain'],
    ['jane@-example.com', 'email_domain'],
    ['jane@example.com.', 'email_domain'],
    ['jane@1.2.3.4', 'email_domain'],
    ['jane@[1.2.3.4]', 'email_domain'],
    ['jane@exa_mple.com', 'email_domain'],
    [`jane@${'a'.repeat(64)}.com`, 'email_domain'],
    [`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.com`, 'too_long'],
    ['x'.repeat(513), 'too_long'],
    ['   ', 'empty'],
    [42, 'not_a_string'],
  ])('%j is invalid: %s', (raw, reason) => {
    expect(email(raw)).toEqual({ ok: false, reason });
  });
});

describe('concord-v1 phone', () => {
  it.each([
    ['(201) 555-0123', 'US', '+12015550123'],
    ['1-201-555-0123', 'US', '+12015550123'],
    ['201.555.0123', 'US', '+12015550123'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['+44 (0)20 7946 0958', 'US', '+442079460958'],
    ['0044 20 7946 0958', 'DE', '+442079460958'],
    ['011 44 20 7946 0958', 'US', '+442079460958'],
    ['49 30 1234567', 'DE', '+49301234567'],
    [
      '\uff0b\uff14\uff14 \uff12\uff10 \uff17\uff19\uff14\uff16 \uff10\uff19\uff15\uff18',
      undefined,
      '+442079460958',
    ],
    ['\u200b+1 201 555 0123 ', undefined, '+12015550123'],
  ])('%j in %s → %s', (raw, region, value) => {
    expect(phone(raw, region)).toEqual({ ok: true, value });
  });

  it.each([
    ['1-800-FLOWERS', 'US', 'invalid_characters'],
    ['+1 201 555 0123 ext. 5', 'US', 'invalid_characters'],
    ['201 555 0123 +1', 'US', 'invalid_characters'],
    ['201 555 0123', undefined, 'phone_missing_region'],
    ['+999 1234 5678', 'US', 'phone_country_code'],
    ['+0 201 555 0123', 'US', 'phone_country_code'],
    ['12', 'US', 'phone_too_short'],
    ['441134960987', 'US', 'phone_too_long'],
    ['+1 201 555 01', 'US', 'phone_too_short'],
    ['+1 555 555 5555', 'US', 'phone_invalid'],
    ['1'.repeat(21), 'US', 'phone_too_long'],
    [`+1 ${' '.repeat(70)}2015550123`, 'US', 'too_long'],
    ['', 'US', 'empty'],
  ])('%j in %s is invalid: %s', (raw, region, reason) => {
    expect(phone(raw, region)).toEqual({ ok: false, reason });
  });
});

describe('reason codes', () => {
  it('are a closed set that the examples above cover entirely', () => {
    const produced = new Set<ReasonCode>();
    const samples: readonly [string, unknown, string | undefined][] = [
      ['email', 42, undefined],
      ['email', '   ', undefined],
      ['email', 'x'.repeat(513), undefined],
      ['email', 'jane doe@example.com', undefined],
      ['email', 'jane.example.com', undefined],
      ['email', '.jane@example.com', undefined],
      ['email', 'jane@example', undefined],
      ['phone', '201 555 0123', undefined],
      ['phone', '+999 1234 5678', 'US'],
      ['phone', '12', 'US'],
      ['phone', '441134960987', 'US'],
      ['phone', '+1 555 555 5555', 'US'],
      ['loyalty_card', '1234 5678', undefined],
      ['loyalty_card', '6034 9312 3456 7890', undefined],
    ];
    for (const [type, raw, region] of samples) {
      const result = normalize('concord-v1', type as IdType, raw, { defaultRegion: region });
      if (!result.ok) produced.add(result.reason);
    }
    expect([...produced].sort()).toEqual([...REASON_CODES].sort());
  });
});
