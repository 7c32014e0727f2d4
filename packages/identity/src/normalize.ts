// normalize(): the public entry point that applies a profile to one raw identifier.
import { assertIdType, assertProfileName } from './assert.ts';
import { ID_TYPE_REGISTRY, type IdType } from './id-types.ts';
import { resolveRegion } from './region.ts';
import type { NormalizeOptions, NormalizeResult, ProfileName } from './types.ts';

/** A profile bound to a node's options, for hot loops (validation of the arguments done once). */
export type Normalizer = (idType: IdType, raw: unknown) => NormalizeResult;

const NOT_A_STRING: NormalizeResult = Object.freeze({ ok: false, reason: 'not_a_string' });

/**
 * Binds a profile and options once. Throws on an unknown profile or region (programmer errors);
 * the returned function never throws on user data.
 */
export function createNormalizer(profile: ProfileName, options: NormalizeOptions = {}): Normalizer {
  assertProfileName(profile);
  const region = resolveRegion(options.defaultRegion);
  return (idType, raw) => {
    const spec = ID_TYPE_REGISTRY[idType];
    if (spec === undefined) assertIdType(idType);
    if (typeof raw !== 'string') return NOT_A_STRING;
    return spec.normalizers[profile](raw, region);
  };
}

/**
 * Normalizes one raw identifier under a profile: `{ ok: true, value }` or `{ ok: false, reason }`
 * with a code from `REASON_CODES`. Throws only for an unknown profile, id type or region.
 */
export function normalize(
  profile: ProfileName,
  idType: IdType,
  raw: unknown,
  options?: NormalizeOptions,
): NormalizeResult {
  assertIdType(idType);
  return createNormalizer(profile, options)(idType, raw);
}
