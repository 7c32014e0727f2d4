// Reads an identifier in its own context: a phone in the identifier's country, else the customer's, else the node's.

import { ID_TYPE_REGISTRY, type IdType } from '../id-types.ts';
import { createNormalizer, type Normalizer } from '../normalize.ts';
import { isSupportedRegion } from '../phone/plans.ts';
import type { ReasonCode } from '../reasons.ts';
import { resolveRegion } from '../region.ts';
import type { ProfileName } from '../types.ts';

/** Where the region a phone was read in came from. `number` = written with a country code (no region needed). */
export type RegionSource = 'number' | 'identifier' | 'customer' | 'default';

export interface IdentifierContext {
  /** Country given with this identifier (e.g. a `phone_country` column), ISO 3166-1 alpha-2. */
  readonly identifierCountry?: string | null;
  /** The customer's country of residence. */
  readonly customerCountry?: string | null;
}

export type ContextResult =
  | {
      readonly ok: true;
      readonly value: string;
      /** Region the number was read in (phones), null for emails and numbers with a country code. */
      readonly region: string | null;
      readonly regionSource: RegionSource | null;
    }
  | {
      readonly ok: false;
      readonly reason: ReasonCode;
      readonly region: string | null;
      readonly regionSource: RegionSource | null;
      /**
       * The number is invalid in the region it was read in, but valid read in the node's default region
       * (E.164 there): a national number that is implausible for the customer's country. Never used for matching.
       */
      readonly validInDefault: string | null;
    };

export type ContextNormalizer = (idType: IdType, raw: unknown, context?: IdentifierContext) => ContextResult;

/** A supported upper-case region, or null for anything else (unknown codes never throw on user data). */
function regionOf(country: string | null | undefined): string | null {
  if (typeof country !== 'string' || !/^[A-Za-z]{2}$/.test(country.trim())) return null;
  const upper = country.trim().toUpperCase();
  return isSupportedRegion(upper) ? upper : null;
}

/**
 * Binds a profile and the node's default region (may be undefined: then national numbers of customers without a
 * country are `phone_missing_region`). The returned function never throws on user data.
 */
export function createContextNormalizer(profile: ProfileName, defaultRegion?: string): ContextNormalizer {
  const fallback = resolveRegion(defaultRegion) ?? null;
  const international = createNormalizer(profile);
  const byRegion = new Map<string, Normalizer>();
  const inRegion = (region: string): Normalizer => {
    let n = byRegion.get(region);
    if (!n) {
      n = createNormalizer(profile, { defaultRegion: region });
      byRegion.set(region, n);
    }
    return n;
  };
  return (idType, raw, context = {}) => {
    if (!ID_TYPE_REGISTRY[idType].regional) {
      const r = international(idType, raw);
      return r.ok
        ? { ok: true, value: r.value, region: null, regionSource: null }
        : { ok: false, reason: r.reason, region: null, regionSource: null, validInDefault: null };
    }
    const plain = international(idType, raw);
    if (plain.ok) return { ok: true, value: plain.value, region: null, regionSource: 'number' };
    if (plain.reason !== 'phone_missing_region') {
      return { ok: false, reason: plain.reason, region: null, regionSource: null, validInDefault: null };
    }
    const own = regionOf(context.identifierCountry);
    const customer = regionOf(context.customerCountry);
    const region = own ?? customer ?? fallback;
    const source: RegionSource = own ? 'identifier' : customer ? 'customer' : 'default';
    if (region === null) {
      return {
        ok: false,
        reason: 'phone_missing_region',
        region: null,
        regionSource: null,
        validInDefault: null,
      };
    }
    const read = inRegion(region)(idType, raw);
    if (read.ok) return { ok: true, value: read.value, region, regionSource: source };
    const retry = fallback !== null && fallback !== region ? inRegion(fallback)(idType, raw) : null;
    return {
      ok: false,
      reason: read.reason,
      region,
      regionSource: source,
      validInDefault: retry?.ok ? retry.value : null,
    };
  };
}
