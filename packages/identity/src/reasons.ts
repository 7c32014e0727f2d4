// The closed set of reasons a raw identifier is rejected; codes are stable and safe to store.

/**
 * Every code a failed `normalize` can return. Order is part of the bulk wire format (a status
 * byte is `1 + index`), so only ever append.
 */
export const REASON_CODES = [
  /** The raw value is not a string (null, number, object…). */
  'not_a_string',
  /** Nothing is left after trimming surrounding whitespace. */
  'empty',
  /** The raw value exceeds the input cap for its type (protects CPU on hostile input). */
  'too_long',
  /** Characters no identifier of this type may contain: controls, inner whitespace, letters in a phone… */
  'invalid_characters',
  /** An email address without exactly one `@`. */
  'email_at_sign',
  /** The part before `@` is empty or malformed (checked after provider rules such as gmail dots). */
  'email_local_part',
  /** The part after `@` is empty or not a well-formed domain name. */
  'email_domain',
  /** A phone number without country calling code, and no default region was configured. */
  'phone_missing_region',
  /** `+` (or an international dialling prefix) followed by no known country calling code. */
  'phone_country_code',
  /** Too few digits for its numbering plan. */
  'phone_too_short',
  /** Too many digits for its numbering plan (or for E.164's 15, or for the profile's range). */
  'phone_too_long',
  /** Plausible length, but not a number that exists in its numbering plan (libphonenumber data). */
  'phone_invalid',
  /** A loyalty-card number with fewer than 12 or more than 19 digits. */
  'loyalty_card_length',
  /** A loyalty-card number whose last digit is not its Luhn check digit (a typo or a made-up number). */
  'loyalty_card_check_digit',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

const INDEX = new Map<ReasonCode, number>(REASON_CODES.map((code, i) => [code, i]));

/** Position of a code in `REASON_CODES` (used by the compact bulk status bytes). */
export function reasonIndex(code: ReasonCode): number {
  return INDEX.get(code) as number;
}

/** Inverse of `reasonIndex`; undefined for out-of-range indices. */
export function reasonAt(index: number): ReasonCode | undefined {
  return REASON_CODES[index];
}
