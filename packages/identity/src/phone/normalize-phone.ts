// Turns a raw phone string into E.164 under one profile's phone rules.
import type { ReasonCode } from '../reasons.ts';
import type { NormalizeResult } from '../types.ts';
import { cleanPhone } from './clean.ts';
import { type PhoneParse, parsePhoneDigits } from './parse.ts';

export interface PhoneRules {
  /** Write the result with a leading `+` (E.164) or as bare digits (Meta). */
  readonly plus: boolean;
  /** Smallest and largest accepted digit count, country code included (E.164 caps at 15). */
  readonly minDigits: number;
  readonly maxDigits: number;
  /**
   * How digits written without `+` or an international prefix are read:
   * - `national`: in the node's region only (libphonenumber; also recognizes the region's own
   *   country code typed without `+`);
   * - `national-first`: as above, else as country code + number (Google's formatter prefixes `+`);
   * - `digits-first`: a bare digit string is country code + number, leading zeros dropped (Meta's
   *   contract: "remove symbols, letters, and any leading zeros … must include a country code"),
   *   else national; formatted input ("(650) 555-1212") is national first, else international.
   */
  readonly withoutPlus: 'national' | 'national-first' | 'digits-first';
  /** Input that is already `+` and 10–15 digits, byte for byte, is accepted as is (UID2 operator). */
  readonly acceptNormalizedE164: boolean;
}

const NORMALIZED_E164 = /^\+[0-9]{10,15}$/;
const DIGITS_ONLY = /^[0-9]+$/;

function fail(reason: ReasonCode): NormalizeResult {
  return { ok: false, reason };
}

export function normalizePhone(
  raw: string,
  defaultRegion: string | undefined,
  rules: PhoneRules,
): NormalizeResult {
  if (rules.acceptNormalizedE164 && NORMALIZED_E164.test(raw)) return { ok: true, value: raw };
  const cleaned = cleanPhone(raw);
  if (!cleaned.ok) return cleaned;
  const digits = cleaned.value;
  let parsed: PhoneParse;
  if (digits.startsWith('+') || rules.withoutPlus === 'national') {
    parsed = parsePhoneDigits(digits, defaultRegion);
  } else {
    const international = `+${rules.withoutPlus === 'digits-first' ? digits.replace(/^0+/, '') : digits}`;
    const order =
      rules.withoutPlus === 'digits-first' && DIGITS_ONLY.test(raw.trim())
        ? [international, digits]
        : [digits, international];
    parsed = parsePhoneDigits(order[0] as string, defaultRegion);
    if (!parsed.ok) {
      const second = parsePhoneDigits(order[1] as string, defaultRegion);
      if (second.ok) parsed = second;
    }
  }
  if (!parsed.ok) return fail(parsed.reason);
  const e164 = parsed.callingCode + parsed.nationalNumber;
  if (e164.length > rules.maxDigits) return fail('phone_too_long');
  if (e164.length < rules.minDigits) return fail('phone_too_short');
  return { ok: true, value: rules.plus ? `+${e164}` : e164 };
}
