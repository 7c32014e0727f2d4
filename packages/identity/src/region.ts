// Validation of the node's default phone region at the public boundary.
import { isSupportedRegion } from './phone/plans.ts';

/** Upper-cases and checks an ISO 3166-1 alpha-2 region; throws on anything libphonenumber does not know. */
export function resolveRegion(region: unknown): string | undefined {
  if (region === undefined) return undefined;
  if (
    typeof region !== 'string' ||
    !/^[A-Za-z]{2}$/.test(region) ||
    !isSupportedRegion(region.toUpperCase())
  ) {
    throw new RangeError(
      `unsupported default region: ${String(region)} (expected an ISO 3166-1 alpha-2 code)`,
    );
  }
  return region.toUpperCase();
}
