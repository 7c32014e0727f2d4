// Reading a customer's identifiers: normalized in their own context, invalid ones kept as given with their reason.
import {
  type ContextNormalizer,
  createContextNormalizer,
  foldText,
  ID_TYPE_REGISTRY,
  type IdType,
  isIdType,
  type RegionSource,
} from '@concord/identity';
import type { IdentifierStatus } from '../../db/tables/crm.table.ts';

/** An identifier as delivered: the raw value, optionally with the country it belongs to (phones). */
export type IdentifierInput = string | { value: string; country?: string | null };

/** One identifier ready to store. */
export interface ReadIdentifier {
  idType: IdType;
  raw: string;
  normalized: string | null;
  status: Exclude<IdentifierStatus, 'pending'>;
  reason: string | null;
  region: string | null;
  regionSource: RegionSource | null;
  country: string | null;
  search: string;
  /** Invalid in the region it was read in, but valid in the node's default region (E.164 there). */
  validInDefault: string | null;
}

export function identifierValue(input: IdentifierInput): { value: string; country: string | null } {
  if (typeof input === 'string') return { value: input, country: null };
  return { value: input.value, country: input.country?.trim().toUpperCase() || null };
}

/** The search key of an identifier: folded email, or the digits of the phone (normalized when valid). */
export function identifierSearchKey(idType: string, raw: string, normalized: string | null): string {
  return isIdType(idType) ? ID_TYPE_REGISTRY[idType].searchKey(raw, normalized) : foldText(normalized ?? raw);
}

/** Reads identifiers for customers of one node: one normalizer per node default region, reused for every row. */
export function createIdentifierReader(defaultRegion: string | undefined) {
  const normalize: ContextNormalizer = createContextNormalizer('concord-v1', defaultRegion);
  return (idType: IdType, input: IdentifierInput, customerCountry: string | null): ReadIdentifier => {
    const { value, country } = identifierValue(input);
    const raw = value.trim();
    const r = normalize(idType, raw, { identifierCountry: country, customerCountry });
    const normalized = r.ok ? r.value : null;
    return {
      idType,
      raw,
      normalized,
      status: r.ok ? 'valid' : 'invalid',
      reason: r.ok ? null : r.reason,
      region: r.region,
      regionSource: r.regionSource,
      country,
      search: identifierSearchKey(idType, raw, normalized),
      validInDefault: r.ok ? null : r.validInDefault,
    };
  };
}

export type IdentifierReader = ReturnType<typeof createIdentifierReader>;
