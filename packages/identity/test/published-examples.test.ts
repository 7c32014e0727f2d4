// Every normalization/hash example published by UID2, Google and Meta, checked against our profiles.
import { describe, expect, it } from 'vitest';
import { normalize, sha256Base64, sha256Hex } from '../src/index.ts';

const US = { defaultRegion: 'US' } as const;

describe('uid2 — https://unifiedid.com/docs/getting-started/gs-normalization-encoding', () => {
  it('normalizes and hashes the introduction example, and shows why skipping normalization fails', () => {
    // "JANESaoirse@gmail.com ... normalizes to janesaoirse@gmail.com, and the hashed and Base64-encoded
    // value is ku4mBX7Z3qJTXWyLFB1INzkyR2WZGW4ANSJUiW21iI8=" / un-normalized: "VpLXEp5N1bj/V1WzjgZsC+FfuYdntAOywSVIO00FD/E="
    expect(normalize('uid2', 'email', 'JANESaoirse@gmail.com')).toEqual({
      ok: true,
      value: 'janesaoirse@gmail.com',
    });
    expect(sha256Base64('janesaoirse@gmail.com')).toBe('ku4mBX7Z3qJTXWyLFB1INzkyR2WZGW4ANSJUiW21iI8=');
    expect(sha256Base64('JANESaoirse@gmail.com')).toBe('VpLXEp5N1bj/V1WzjgZsC+FfuYdntAOywSVIO00FD/E=');
  });

  it('applies the gmail.com rules of "Email Address Normalization"', () => {
    expect(normalize('uid2', 'email', 'jane.doe@gmail.com')).toEqual({
      ok: true,
      value: 'janedoe@gmail.com',
    });
    expect(normalize('uid2', 'email', 'janedoe+home@gmail.com')).toEqual({
      ok: true,
      value: 'janedoe@gmail.com',
    });
  });

  it('hashes "Email Address Hash Encoding": user@example.com', () => {
    expect(sha256Hex('user@example.com')).toBe(
      'b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514',
    );
    expect(sha256Base64('user@example.com')).toBe('tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=');
  });

  // "Normalization Examples for Email" table: original values, normalized, hex and Base64 hashes.
  const table: readonly (readonly [readonly string[], string, string, string])[] = [
    [
      ['MyEmail@example.com', 'MYEMAIL@example.com'],
      'myemail@example.com',
      '16c18d336f0b250f0e2d907452ceb9658a74ecdae8bc94864c23122a72cc27a5',
      'FsGNM28LJQ8OLZB0Us65ZYp07NrovJSGTCMSKnLMJ6U=',
    ],
    [
      ['My.Email@example.com'],
      'my.email@example.com',
      'e22b53bc6f871274f3a62ab37a3caed7214fc14d676215a96a242fcfada1c81f',
      '4itTvG+HEnTzpiqzejyu1yFPwU1nYhWpaiQvz62hyB8=',
    ],
    [
      ['JANESAOIRSE@example.com', 'JaneSaoirse@example.com'],
      'janesaoirse@example.com',
      'd6670e7a92007f1b5ff785f1fc81e53aa6d3d7bd06bdf5c473cdc7286c284b6d',
      '1mcOepIAfxtf94Xx/IHlOqbT170GvfXEc83HKGwoS20=',
    ],
    [
      ['jane.saoirse@example.com', 'Jane.Saoirse@example.com'],
      'jane.saoirse@example.com',
      'b196432c7b989a2ca91c83799957c515da53e6c13abf20b78fea94f117e90bf8',
      'sZZDLHuYmiypHIN5mVfFFdpT5sE6vyC3j+qU8RfpC/g=',
    ],
    [
      ['JaneSaoirse+Work@example.com'],
      'janesaoirse+work@example.com',
      '28aaee4815230cd3b4ebd88c515226550666e91ac019929e3adac3f66c288180',
      'KKruSBUjDNO069iMUVImVQZm6RrAGZKeOtrD9mwogYA=',
    ],
    [
      ['JANE.SAOIRSE@gmail.com', 'Jane.Saoirse@gmail.com', 'JaneSaoirse+Work@gmail.com'],
      'janesaoirse@gmail.com',
      '92ee26057ed9dea2535d6c8b141d48373932476599196e00352254896db5888f',
      'ku4mBX7Z3qJTXWyLFB1INzkyR2WZGW4ANSJUiW21iI8=',
    ],
  ];
  it.each(table)('email table: %j → %s', (originals, normalized, hex, base64) => {
    for (const original of originals)
      expect(normalize('uid2', 'email', original)).toEqual({ ok: true, value: normalized });
    expect(sha256Hex(normalized)).toBe(hex);
    expect(sha256Base64(normalized)).toBe(base64);
  });

  it('normalizes the "Phone Number Normalization" examples with the region they are written in', () => {
    // "US: 1 (234) 567-8901 is normalized to +12345678901."
    expect(normalize('uid2', 'phone', '1 (234) 567-8901', US)).toEqual({ ok: true, value: '+12345678901' });
    // "Sydney, Australia: (02) 1234 5678 is normalized to ... +61212345678."
    expect(normalize('uid2', 'phone', '(02) 1234 5678', { defaultRegion: 'AU' })).toEqual({
      ok: true,
      value: '+61212345678',
    });
    // "Singapore: 65 1243 5678 is normalized to +6512345678." The input and output digits disagree
    // (1243 vs 1234) and 1234 5678 is not an assigned Singapore range, so the input side cannot be
    // reproduced by any phone library; the output is accepted as already-normalized E.164, as the
    // UID2 operator accepts it.
    expect(normalize('uid2', 'phone', '+6512345678')).toEqual({ ok: true, value: '+6512345678' });
    expect(normalize('uid2', 'phone', '65 1243 5678', { defaultRegion: 'SG' })).toEqual({
      ok: false,
      reason: 'phone_invalid',
    });
  });

  it('hashes "Phone Number Hash Encoding": +12345678901', () => {
    expect(sha256Hex('+12345678901')).toBe(
      '10e6f0b47054a83359477dcb35231db6de5c69fb1816e1a6b98e192de9e5b9ee',
    );
    expect(sha256Base64('+12345678901')).toBe('EObwtHBUqDNZR33LNSMdtt5cafsYFuGmuY4ZLenlue4=');
  });
});

describe('uid2 — operator test vectors, https://github.com/IABTechLab/uid2-operator/blob/main/src/test/java/com/uid2/operator/service/InputNormalizationTest.java', () => {
  // testValidEmailNormalization: [input, normalized, Base64 SHA-256]
  const valid: readonly (readonly [string, string, string])[] = [
    ['TEst.TEST@Test.com ', 'test.test@test.com', 'dvECjPKZHya0/SIhSGwP0m8SgTv1vzLxPULUOsm880M='],
    ['test.test@test.com', 'test.test@test.com', 'dvECjPKZHya0/SIhSGwP0m8SgTv1vzLxPULUOsm880M='],
    ['test.test@gmail.com', 'testtest@gmail.com', 'LkLfFrut8Tc3h/fIvYDiBKSbaMiau/DtaLBPQYszdMw='],
    ['test+test@test.com', 'test+test@test.com', 'rQ4yzdOz4uG8N54326QyZD6/JwqrXn4lmy34cVCojB8='],
    ['+test@test.com', '+test@test.com', 'weFizOVVWKlLfyorbBU8oxYDv4HJtTZCPMyZ4THzUQE='],
    ['test+test@gmail.com', 'test@gmail.com', 'h5JGBrQTGorO7q6IaFMfu5cSqqB6XTp1aybOD11spnQ='],
    ['testtest@test.com', 'testtest@test.com', 'd1Lr/s4GLLX3SvQVMoQdIMfbQPMAGZYry+2V+0pZlQg='],
    [' testtest@test.com', 'testtest@test.com', 'd1Lr/s4GLLX3SvQVMoQdIMfbQPMAGZYry+2V+0pZlQg='],
    ['testtest@test.com ', 'testtest@test.com', 'd1Lr/s4GLLX3SvQVMoQdIMfbQPMAGZYry+2V+0pZlQg='],
    [' testtest@test.com ', 'testtest@test.com', 'd1Lr/s4GLLX3SvQVMoQdIMfbQPMAGZYry+2V+0pZlQg='],
    ['  testtest@test.com  ', 'testtest@test.com', 'd1Lr/s4GLLX3SvQVMoQdIMfbQPMAGZYry+2V+0pZlQg='],
    [' test.test@gmail.com', 'testtest@gmail.com', 'LkLfFrut8Tc3h/fIvYDiBKSbaMiau/DtaLBPQYszdMw='],
    ['test.test@gmail.com ', 'testtest@gmail.com', 'LkLfFrut8Tc3h/fIvYDiBKSbaMiau/DtaLBPQYszdMw='],
    [' test.test@gmail.com ', 'testtest@gmail.com', 'LkLfFrut8Tc3h/fIvYDiBKSbaMiau/DtaLBPQYszdMw='],
    ['  test.test@gmail.com  ', 'testtest@gmail.com', 'LkLfFrut8Tc3h/fIvYDiBKSbaMiau/DtaLBPQYszdMw='],
    ['TEstTEst@gmail.com  ', 'testtest@gmail.com', 'LkLfFrut8Tc3h/fIvYDiBKSbaMiau/DtaLBPQYszdMw='],
    ['TEstTEst@GMail.Com  ', 'testtest@gmail.com', 'LkLfFrut8Tc3h/fIvYDiBKSbaMiau/DtaLBPQYszdMw='],
    [' TEstTEst@GMail.Com  ', 'testtest@gmail.com', 'LkLfFrut8Tc3h/fIvYDiBKSbaMiau/DtaLBPQYszdMw='],
    ['TEstTEst@GMail.Com', 'testtest@gmail.com', 'LkLfFrut8Tc3h/fIvYDiBKSbaMiau/DtaLBPQYszdMw='],
    ['TEst.TEst@GMail.Com', 'testtest@gmail.com', 'LkLfFrut8Tc3h/fIvYDiBKSbaMiau/DtaLBPQYszdMw='],
    ['TEst.TEst+123@GMail.Com', 'testtest@gmail.com', 'LkLfFrut8Tc3h/fIvYDiBKSbaMiau/DtaLBPQYszdMw='],
    [
      '\uD83D\uDE0Atesttest@test.com',
      '\uD83D\uDE0Atesttest@test.com',
      'fAFEUqApQ0V/M9mLj/IO54CgKgtQuARKsOMqtFklD4k=',
    ],
    [
      'testtest@\uD83D\uDE0Atest.com',
      'testtest@\uD83D\uDE0Atest.com',
      'tcng5pttf7Y2z4ylZTROvIMw1+IVrMpR4D1KeXSrdiM=',
    ],
    [
      'testtest@test.com\uD83D\uDE0A',
      'testtest@test.com\uD83D\uDE0A',
      '0qI21FPLkuez/8RswfmircHPYz9Dtf7/Nch1rSWEQf0=',
    ],
  ];
  it.each(valid)('valid email %j → %s', (input, normalized, base64) => {
    expect(normalize('uid2', 'email', input)).toEqual({ ok: true, value: normalized });
    expect(sha256Base64(normalized)).toBe(base64);
  });

  // testInvalidEmailNormalization
  const invalidEmails: readonly (readonly [string, string])[] = [
    ['', 'empty'],
    [' @', 'email_local_part'],
    ['@', 'email_local_part'],
    ['a@', 'email_domain'],
    ['@b', 'email_local_part'],
    ['@b.com', 'email_local_part'],
    ['+', 'email_at_sign'],
    [' ', 'empty'],
    ['+@gmail.com', 'email_local_part'],
    ['.+@gmail.com', 'email_local_part'],
    ['a@ba@z.com', 'email_at_sign'],
  ];
  it.each(invalidEmails)('invalid email %j (%s)', (input, reason) => {
    expect(normalize('uid2', 'email', input)).toEqual({ ok: false, reason });
  });

  // testPhoneNumberIsNormalizedNegative: invalid whether or not the node has a default region.
  const invalidPhones: readonly (readonly [unknown, string, string])[] = [
    [null, 'not_a_string', 'not_a_string'],
    ['', 'empty', 'empty'],
    ['asdaksjdakfj', 'invalid_characters', 'invalid_characters'],
    ['DH5qQFhi5ALrdqcPiib8cy0Hwykx6frpqxWCkR0uijs', 'invalid_characters', 'invalid_characters'],
    ['QFhi5ALrdqcPiib8cy0Hwykx6frpqxWCkR0uijs', 'invalid_characters', 'invalid_characters'],
    [
      '06a418f467a14e1631a317b107548a1039d26f12ea45301ab14e7684b36ede58',
      'invalid_characters',
      'invalid_characters',
    ],
    [
      '0C7E6A405862E402EB76A70F8A26FC732D07C32931E9FAE9AB1582911D2E8A3B',
      'invalid_characters',
      'invalid_characters',
    ],
    ['+', 'phone_too_short', 'phone_too_short'],
    ['12345678', 'phone_too_short', 'phone_missing_region'],
    ['123456789', 'phone_too_short', 'phone_missing_region'],
    ['1234567890', 'phone_invalid', 'phone_missing_region'],
    ['+12345678', 'phone_too_short', 'phone_too_short'],
    ['+123456789', 'phone_too_short', 'phone_too_short'],
    ['+ 12345678', 'phone_too_short', 'phone_too_short'],
    ['+ 123456789', 'phone_too_short', 'phone_too_short'],
    ['+ 1234 5678', 'phone_too_short', 'phone_too_short'],
    ['+ 1234 56789', 'phone_too_short', 'phone_too_short'],
    ['+1234567890123456', 'phone_too_long', 'phone_too_long'],
    ['+1234567890A', 'invalid_characters', 'invalid_characters'],
    ['+1234567890 ', 'phone_too_short', 'phone_too_short'],
    ['+1234567890+', 'invalid_characters', 'invalid_characters'],
    ['+12345+67890', 'invalid_characters', 'invalid_characters'],
    ['555-555-5555', 'phone_invalid', 'phone_missing_region'],
    ['(555) 555-5555', 'phone_invalid', 'phone_missing_region'],
  ];
  it.each(invalidPhones)('invalid phone %j (US node: %s, no region: %s)', (input, withUs, withoutRegion) => {
    expect(normalize('uid2', 'phone', input, US)).toEqual({ ok: false, reason: withUs });
    expect(normalize('uid2', 'phone', input)).toEqual({ ok: false, reason: withoutRegion });
  });

  // testPhoneNumberIsNormalizedPositive: already-normalized E.164 is taken as is, as the operator does.
  it.each([
    '+1234567890',
    '+12345678901',
    '+123456789012',
    '+1234567890123',
    '+12345678901234',
    '+123456789012345',
  ])('accepts normalized phone %s unchanged', (input) => {
    expect(normalize('uid2', 'phone', input, US)).toEqual({ ok: true, value: input });
  });
});

describe('uid2 — JavaScript SDK tests, https://github.com/IABTechLab/uid2-web-integrations/blob/main/src/shared/unitTests/diiNormalization.test.ts', () => {
  it.each(['test test@test.com', 'test@te st.com', 'test test@gmail.com'])(
    'rejects inner whitespace: %j',
    (input) => {
      expect(normalize('uid2', 'email', input)).toEqual({ ok: false, reason: 'invalid_characters' });
    },
  );
});

describe('google — https://developers.google.com/data-manager/api/get-started/formatting', () => {
  it('formats "(800)555-0100" as +18005550100 (US phone example)', () => {
    expect(normalize('google', 'phone', '(800)555-0100', US)).toEqual({ ok: true, value: '+18005550100' });
  });

  it('removes dots before @ for gmail.com and googlemail.com only', () => {
    expect(normalize('google', 'email', 'Jane.Doe@gmail.com')).toEqual({
      ok: true,
      value: 'janedoe@gmail.com',
    });
    expect(normalize('google', 'email', 'Jane.Doe@googlemail.com')).toEqual({
      ok: true,
      value: 'janedoe@googlemail.com',
    });
    expect(normalize('google', 'email', 'Jane.Doe@example.com')).toEqual({
      ok: true,
      value: 'jane.doe@example.com',
    });
  });
});

describe('google — Data Manager utility tests, https://github.com/googleads/data-manager-node/blob/main/util/test/formatter.test.ts', () => {
  it('formatEmailAddress', () => {
    expect(normalize('google', 'email', 'QuinnY@example.com')).toEqual({
      ok: true,
      value: 'quinny@example.com',
    });
    expect(normalize('google', 'email', 'QuinnY@EXAMPLE.com')).toEqual({
      ok: true,
      value: 'quinny@example.com',
    });
    expect(normalize('google', 'email', null)).toEqual({ ok: false, reason: 'not_a_string' });
    expect(normalize('google', 'email', undefined)).toEqual({ ok: false, reason: 'not_a_string' });
    expect(normalize('google', 'email', '@example.com')).toEqual({ ok: false, reason: 'email_local_part' });
    expect(normalize('google', 'email', 'quinn')).toEqual({ ok: false, reason: 'email_at_sign' });
  });

  it('formatEmailAddress gmail variations', () => {
    const out = 'jeffersonloveshiking@gmail.com';
    expect(normalize('google', 'email', 'jefferson.Loves.hiking@gmail.com')).toEqual({
      ok: true,
      value: out,
    });
    expect(normalize('google', 'email', 'j.e.f..ferson.Loves.hiking@gmail.com')).toEqual({
      ok: true,
      value: out,
    });
    expect(normalize('google', 'email', 'jefferson.Loves.hiking@googlemail.com')).toEqual({
      ok: true,
      value: 'jeffersonloveshiking@googlemail.com',
    });
  });

  it.each([
    ['1 800 555 0100', '+18005550100'],
    ['18005550100', '+18005550100'],
    ['+1 800-555-0100', '+18005550100'],
    ['441134960987', '+441134960987'],
    ['+441134960987', '+441134960987'],
    ['+44-113-496-0987', '+441134960987'],
  ])('formatPhoneNumber %j → %s (node in US)', (input, expected) => {
    expect(normalize('google', 'phone', input, US)).toEqual({ ok: true, value: expected });
  });

  it('formatPhoneNumber rejects', () => {
    expect(normalize('google', 'phone', null, US)).toEqual({ ok: false, reason: 'not_a_string' });
    expect(normalize('google', 'phone', '+abc-DEF', US)).toEqual({ ok: false, reason: 'invalid_characters' });
    expect(normalize('google', 'phone', '++++', US)).toEqual({ ok: false, reason: 'invalid_characters' });
  });

  it('hashString / processEmailAddress / processPhoneNumber', () => {
    for (const variant of [
      'alexz@example.com',
      '  alexz@example.com',
      '  ALEXZ@example.com   ',
      '  alexz@EXAMPLE.com   ',
    ]) {
      const result = normalize('google', 'email', variant);
      expect(result).toEqual({ ok: true, value: 'alexz@example.com' });
    }
    expect(sha256Hex('alexz@example.com')).toBe(
      '509e933019bb285a134a9334b8bb679dff79d0ce023d529af4bd744d47b4fd8a',
    );
    expect(sha256Base64('alexz@example.com')).toBe('UJ6TMBm7KFoTSpM0uLtnnf950M4CPVKa9L10TUe0/Yo=');
    for (const variant of ['+18005550100', '   +1-800-555-0100', '1-800-555-0100   ']) {
      expect(normalize('google', 'phone', variant, US)).toEqual({ ok: true, value: '+18005550100' });
    }
    expect(sha256Hex('+18005550100')).toBe(
      'fb4f73a6ec5fdb7077d564cdd22c3554b43ce49168550c3b12c547b78c517b30',
    );
    expect(sha256Base64('+18005550100')).toBe('+09zpuxf23B31WTN0iw1VLQ85JFoVQw7EsVHt4xRezA=');
  });
});

describe('meta — https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters', () => {
  it('em: "Input: John_Smith@gmail.com, Normalized format: john_smith@gmail.com" (no gmail dot rule)', () => {
    expect(normalize('meta', 'email', 'John_Smith@gmail.com')).toEqual({
      ok: true,
      value: 'john_smith@gmail.com',
    });
    expect(sha256Hex('john_smith@gmail.com')).toBe(
      '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f',
    );
    expect(normalize('meta', 'email', 'John.Smith@gmail.com')).toEqual({
      ok: true,
      value: 'john.smith@gmail.com',
    });
  });

  it('ph: "Input: US phone number (650)555-1212, Normalized format: 16505551212"', () => {
    expect(normalize('meta', 'phone', '(650)555-1212', US)).toEqual({ ok: true, value: '16505551212' });
    expect(sha256Hex('16505551212')).toBe('e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176');
  });
});
