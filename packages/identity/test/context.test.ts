// Reading identifiers in their own context (identifier country > customer country > node default), folding, display.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContextNormalizer, foldText, formatPhoneInternational } from '../src/index.ts';

describe('createContextNormalizer', () => {
  const de = createContextNormalizer('concord-v1', 'DE');

  it('reads a national number in the customer country, not the node default', () => {
    expect(de('phone', '(312) 585-3624', { customerCountry: 'US' })).toEqual({
      ok: true,
      value: '+13125853624',
      region: 'US',
      regionSource: 'customer',
    });
    expect(de('phone', '1-212-440-3350', { customerCountry: 'us' })).toMatchObject({
      ok: true,
      value: '+12124403350',
    });
  });

  it("prefers the identifier's own country over the customer's", () => {
    expect(de('phone', '020 7946 0958', { identifierCountry: 'GB', customerCountry: 'US' })).toMatchObject({
      ok: true,
      value: '+442079460958',
      regionSource: 'identifier',
    });
  });

  it('falls back to the default region and says so', () => {
    expect(de('phone', '030 901820', {})).toEqual({
      ok: true,
      value: '+4930901820',
      region: 'DE',
      regionSource: 'default',
    });
    // An unknown country code on the customer is ignored rather than thrown.
    expect(de('phone', '030 901820', { customerCountry: 'XX' })).toMatchObject({ regionSource: 'default' });
  });

  it('a number with a country code needs no region', () => {
    expect(de('phone', '+1 650 253 0000', { customerCountry: 'DE' })).toMatchObject({
      ok: true,
      value: '+16502530000',
      regionSource: 'number',
    });
  });

  it('reports a national number invalid for the customer country but valid in the default region', () => {
    const r = de('phone', '030 901820', { customerCountry: 'US' });
    expect(r).toMatchObject({
      ok: false,
      region: 'US',
      regionSource: 'customer',
      validInDefault: '+4930901820',
    });
  });

  it('the default region changes the outcome for customers without a country', () => {
    const us = createContextNormalizer('concord-v1', 'US');
    expect(us('phone', '(650) 748-0032')).toMatchObject({ ok: true, value: '+16507480032' });
    expect(de('phone', '(650) 748-0032')).toMatchObject({ ok: true, value: '+496507480032' });
    const none = createContextNormalizer('concord-v1');
    expect(none('phone', '(650) 748-0032')).toMatchObject({ ok: false, reason: 'phone_missing_region' });
  });

  it('emails ignore the context', () => {
    expect(de('email', ' Jane.Doe@Example.com ', { customerCountry: 'US' })).toMatchObject({
      ok: true,
      value: 'jane.doe@example.com',
      regionSource: null,
    });
    expect(de('email', 'jane doe@example.com')).toMatchObject({ ok: false, reason: 'invalid_characters' });
  });
});

describe('foldText', () => {
  it('folds case, accents and special letters', () => {
    expect(foldText('Bērziņš')).toBe('berzins');
    expect(foldText('MÜLLER')).toBe('muller');
    expect(foldText('Weiß')).toBe('weiss');
    expect(foldText('  Łukasz   Øster-Dahl ')).toBe('lukasz oster-dahl');
    expect(foldText("D'Angelo")).toBe('d angelo');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => foldText(foldText(s)) === foldText(s)));
  });
});

describe('formatPhoneInternational', () => {
  it('formats E.164 with spaces, keeps what it cannot parse', () => {
    expect(formatPhoneInternational('+4930901820')).toBe('+49 30 901820');
    expect(formatPhoneInternational('+12124403350')).toBe('+1 212 440 3350');
    expect(formatPhoneInternational('garbage')).toBe('garbage');
  });
});
