// The identifier-type registry: the ONLY place identifier types are listed. Everything else (normalize, bulk,
// publish, imports, segments, erasure, lists, console) iterates it. docs/architecture.md "Adding an identifier type".

import { ID_TYPE_INFO, ID_TYPES, type IdType, type IdTypeInfo } from './id-type-info.ts';
import { formatLoyaltyCard, normalizeLoyaltyCard } from './loyalty/card.ts';
import { formatPhoneInternational } from './phone/display.ts';
import { normalizePhone } from './phone/normalize-phone.ts';
import { PROFILES } from './profiles/registry.ts';
import { foldText } from './search/fold.ts';
import type { NormalizeResult, ProfileName } from './types.ts';
import { PROFILE_NAMES } from './types.ts';

/** Normalizes a raw string (never throws); `region` is the node's or the identifier's region (phones). */
export type TypeNormalizer = (raw: string, region: string | undefined) => NormalizeResult;

/** What each type does (its name, wire code and label come from `ID_TYPE_INFO`, the list of types). */
export interface IdTypeSpec extends IdTypeInfo {
  /** Read in a region (phones): the CSV then has `<name>_country` columns and the region is recorded. */
  readonly regional: boolean;
  /** One normalizer per profile (a type that has one form everywhere uses the same function for all). */
  readonly normalizers: Readonly<Record<ProfileName, TypeNormalizer>>;
  /** How a valid normalized value is shown (console, lists, exports). */
  readonly display: (normalized: string) => string;
  /**
   * A contact channel (email, phone): audience lists and their CSV carry one column with the first valid value, shown
   * this way. Absent for identifiers that only match (a loyalty card is never a way to reach someone).
   */
  readonly contact?: (raw: string, normalized: string) => string;
  /** Search key stored beside the identifier (docs/crm.md). */
  readonly searchKey: (raw: string, normalized: string | null) => string;
}

function everyProfile(f: (profile: ProfileName) => TypeNormalizer): Record<ProfileName, TypeNormalizer> {
  return Object.fromEntries(PROFILE_NAMES.map((p) => [p, f(p)])) as Record<ProfileName, TypeNormalizer>;
}

const digitsOf = (raw: string, normalized: string | null) => (normalized ?? raw).replace(/\D/g, '');

const BEHAVIOUR = {
  email: {
    regional: false,
    normalizers: everyProfile((p) => (raw) => PROFILES[p].email(raw)),
    display: (v: string) => v,
    contact: (raw: string) => raw,
    searchKey: (raw: string, normalized: string | null) => foldText(normalized ?? raw),
  },
  phone: {
    regional: true,
    normalizers: everyProfile((p) => (raw, region) => normalizePhone(raw, region, PROFILES[p].phoneRules)),
    display: formatPhoneInternational,
    contact: (_raw: string, normalized: string) => formatPhoneInternational(normalized),
    searchKey: digitsOf,
  },
  loyalty_card: {
    regional: false,
    normalizers: everyProfile(() => normalizeLoyaltyCard),
    display: formatLoyaltyCard,
    searchKey: digitsOf,
  },
} satisfies Record<IdType, Omit<IdTypeSpec, keyof IdTypeInfo>>;

const SPECS: Readonly<Record<IdType, IdTypeSpec>> = Object.fromEntries(
  ID_TYPES.map((t) => [t, { ...ID_TYPE_INFO[t], ...BEHAVIOUR[t] }]),
) as Record<IdType, IdTypeSpec>;

export const ID_TYPE_REGISTRY: Readonly<Record<IdType, IdTypeSpec>> = SPECS;

/** The contact channels among the types (audience list columns), in registry order. */
export const CONTACT_ID_TYPES: readonly IdType[] = ID_TYPES.filter(
  (t) => ID_TYPE_REGISTRY[t].contact !== undefined,
);

/** Wire code per type (`email` = 1, `phone` = 2, `loyalty_card` = 3). */
export const ID_WIRE_CODES: Readonly<Record<IdType, number>> = Object.fromEntries(
  ID_TYPES.map((t) => [t, SPECS[t].wireCode]),
) as Record<IdType, number>;

export { ID_TYPES, type IdType };

/** The type a wire code stands for, undefined for an unknown code. */
export function idTypeOfWireCode(code: number): IdType | undefined {
  return ID_TYPES.find((t) => SPECS[t].wireCode === code);
}

/** A string naming a registered type? (user input: segment rules, CSV headers, API bodies). */
export function isIdType(value: unknown): value is IdType {
  return typeof value === 'string' && Object.hasOwn(ID_TYPE_INFO, value);
}

/** The display form of an identifier: the type's formatter for a valid value, the raw value as given otherwise. */
export function displayIdentifier(idType: string, normalized: string | null, raw: string): string {
  if (normalized === null) return raw;
  return isIdType(idType) ? SPECS[idType].display(normalized) : normalized;
}
