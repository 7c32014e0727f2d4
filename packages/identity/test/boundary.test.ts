// The public boundary: programmer errors throw precise errors; user data never does.
import { describe, expect, it } from 'vitest';
import { createNormalizer, normalize, PROFILE_NAMES, PROFILES } from '../src/index.ts';

describe('normalize() arguments', () => {
  it('throws on an unknown profile, id type or region', () => {
    expect(() => normalize('acme' as 'uid2', 'email', 'a@b.co')).toThrow(
      new TypeError('unknown normalization profile: acme (expected uid2, google, meta, concord-v1)'),
    );
    expect(() => normalize('uid2', 'fax' as 'email', 'a@b.co')).toThrow(
      new TypeError('unknown identifier type: fax (expected email, phone, loyalty_card)'),
    );
    expect(() => normalize('uid2', 'phone', '1', { defaultRegion: 'XX' })).toThrow(
      new RangeError('unsupported default region: XX (expected an ISO 3166-1 alpha-2 code)'),
    );
    expect(() => createNormalizer('google', { defaultRegion: 'USA' })).toThrow(RangeError);
  });

  it('accepts a lower-case region', () => {
    expect(normalize('concord-v1', 'phone', '(201) 555-0123', { defaultRegion: 'us' })).toEqual({
      ok: true,
      value: '+12015550123',
    });
  });

  it.each(PROFILE_NAMES)('%s: non-string raw values are a reason, not an exception', (profile) => {
    for (const raw of [null, undefined, 12015550123, {}, [], Symbol('x'), 10n]) {
      expect(normalize(profile, 'email', raw)).toEqual({ ok: false, reason: 'not_a_string' });
      expect(normalize(profile, 'phone', raw, { defaultRegion: 'US' })).toEqual({
        ok: false,
        reason: 'not_a_string',
      });
    }
  });
});

describe('profiles', () => {
  it('are named, versioned and sourced', () => {
    for (const name of PROFILE_NAMES) {
      const profile = PROFILES[name];
      expect(profile.name).toBe(name);
      expect(profile.version).toBe(1);
      expect(profile.sources.length).toBeGreaterThan(0);
    }
  });

  it('differ exactly where their published rules differ', () => {
    const all = (type: 'email' | 'phone', raw: string) =>
      Object.fromEntries(PROFILE_NAMES.map((p) => [p, normalize(p, type, raw, { defaultRegion: 'US' })]));
    expect(all('email', 'Jane.Doe+x@GoogleMail.com')).toEqual({
      uid2: { ok: true, value: 'jane.doe+x@googlemail.com' },
      google: { ok: true, value: 'janedoe@googlemail.com' },
      meta: { ok: true, value: 'jane.doe+x@googlemail.com' },
      'concord-v1': { ok: true, value: 'janedoe@gmail.com' },
    });
    expect(all('email', '\u00c9MILE@Example.com')).toEqual({
      uid2: { ok: true, value: '\u00c9mile@example.com' },
      google: { ok: true, value: '\u00e9mile@example.com' },
      meta: { ok: true, value: '\u00e9mile@example.com' },
      'concord-v1': { ok: true, value: '\u00e9mile@example.com' },
    });
    expect(all('phone', '(650) 555-1212')).toEqual({
      uid2: { ok: true, value: '+16505551212' },
      google: { ok: true, value: '+16505551212' },
      meta: { ok: true, value: '16505551212' },
      'concord-v1': { ok: true, value: '+16505551212' },
    });
    expect(all('phone', '+298 123456')).toEqual({
      uid2: { ok: false, reason: 'phone_invalid' },
      google: { ok: false, reason: 'phone_invalid' },
      meta: { ok: false, reason: 'phone_invalid' },
      'concord-v1': { ok: false, reason: 'phone_invalid' },
    });
    // A valid Faroese number has 9 digits: fine for E.164, below UID2's 10-digit minimum.
    expect(all('phone', '+298 323456')).toEqual({
      uid2: { ok: false, reason: 'phone_too_short' },
      google: { ok: true, value: '+298323456' },
      meta: { ok: true, value: '298323456' },
      'concord-v1': { ok: true, value: '+298323456' },
    });
  });
});
