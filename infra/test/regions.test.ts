// `pnpm start` gives every demo partner its own default phone region: flag beats environment beats topology.
import { describe, expect, it } from 'vitest';
import { PARTNERS, partnerRegions } from '../local/topology.ts';

describe('partnerRegions', () => {
  it('uses the topology defaults, distinct per partner', () => {
    const regions = partnerRegions(undefined, {});
    expect(regions).toEqual(Object.fromEntries(PARTNERS.map((p) => [p.key, p.region])));
    expect(new Set(Object.values(regions)).size).toBe(PARTNERS.length);
  });

  it('an environment variable changes one partner, the flag beats it', () => {
    expect(partnerRegions(undefined, { CONCORD_BANK_REGION: 'us' }).bank).toBe('US');
    const both = partnerRegions('bank=GB, insurer=LV', { CONCORD_BANK_REGION: 'US' });
    expect(both).toMatchObject({ bank: 'GB', insurer: 'LV', dealer: 'CH' });
  });

  it('refuses a malformed region', () => {
    expect(() => partnerRegions('bank=Germany', {})).toThrow(/ISO 3166-1 alpha-2/);
  });
});
