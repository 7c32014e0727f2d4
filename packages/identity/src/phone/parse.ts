// Phone number parsing and validation with libphonenumber semantics, on precompiled plans.
//
// A faithful port of libphonenumber-js `parsePhoneNumberFromString(text, defaultRegion)` followed by
// `.isValid()` (libphonenumber-js/source/parse.js and helpers, MIT), restricted to input that is
// already cleaned to `[+]digits`. test/phone-differential.test.ts checks it answer-for-answer against
// libphonenumber-js itself.
import {
  hasCallingCode,
  type NumberingPlan,
  planForCallingCode,
  planForRegion,
  regionsForCallingCode,
} from './plans.ts';

const MIN_NSN = 2;
const MAX_NSN = 17;
const MAX_CALLING_CODE_DIGITS = 3;

export type PhoneFailure =
  | 'phone_missing_region'
  | 'phone_country_code'
  | 'phone_too_short'
  | 'phone_too_long'
  | 'phone_invalid';

export type PhoneParse =
  | { readonly ok: true; readonly callingCode: string; readonly nationalNumber: string }
  | { readonly ok: false; readonly reason: PhoneFailure };

type LengthCheck = 'IS_POSSIBLE' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH';

/** libphonenumber `checkNumberLength` without a type. */
function checkLength(nationalNumber: string, plan: NumberingPlan): LengthCheck {
  const lengths = plan.lengths;
  if (lengths === undefined) return 'IS_POSSIBLE';
  const actual = nationalNumber.length;
  const min = lengths[0];
  const max = lengths[lengths.length - 1];
  if (min === actual) return 'IS_POSSIBLE';
  if (min !== undefined && min > actual) return 'TOO_SHORT';
  if (max !== undefined && max < actual) return 'TOO_LONG';
  return lengths.indexOf(actual, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}

/** libphonenumber `getNumberType(...) !== undefined`: matches the plan and one of its number types. */
function hasNumberType(nationalNumber: string, plan: NumberingPlan): boolean {
  if (!plan.national.test(nationalNumber)) return false;
  for (const type of plan.types) {
    if (type.lengths !== undefined && !type.lengths.includes(nationalNumber.length)) continue;
    if (type.pattern.test(nationalNumber)) return true;
  }
  return false;
}

/** libphonenumber `isValidNumber`. */
function isValidFor(nationalNumber: string, plan: NumberingPlan): boolean {
  return plan.hasTypes ? hasNumberType(nationalNumber, plan) : plan.national.test(nationalNumber);
}

/** libphonenumber `getCountryByCallingCode`: the region of a number whose code several regions share. */
function regionByCallingCode(callingCode: string, nationalNumber: string): string | undefined {
  const regions = regionsForCallingCode(callingCode);
  if (regions === undefined) return undefined;
  if (regions.length === 1) return regions[0];
  for (const region of regions) {
    const plan = planForRegion(region);
    if (plan.leadingDigits !== undefined) {
      if (nationalNumber !== '' && plan.leadingDigits.test(nationalNumber)) return region;
    } else if (hasNumberType(nationalNumber, plan)) {
      return region;
    }
  }
  return undefined;
}

/** libphonenumber `extractNationalNumberFromPossiblyIncompleteNumber` (carrier code dropped). */
function stripNationalPrefix(number: string, plan: NumberingPlan): string {
  const pattern = plan.prefixForParsing;
  if (number === '' || pattern === undefined) return number;
  const match = pattern.exec(number);
  if (match === null) return number;
  const groups = match.length - 1;
  const hasGroups = groups > 0 && Boolean(match[groups]);
  if (plan.transformRule !== undefined && hasGroups) return number.replace(pattern, plan.transformRule);
  return number.slice(match[0].length);
}

/** libphonenumber `extractNationalNumber`: strip the prefix only if what remains is plausible. */
function extractNationalNumber(number: string, plan: NumberingPlan): string {
  const national = stripNationalPrefix(number, plan);
  if (national === number) return number;
  if (plan.national.test(number) && !plan.national.test(national)) return number;
  if (plan.lengths !== undefined) {
    const region = regionByCallingCode(plan.callingCode, national);
    const length = checkLength(national, region === undefined ? plan : planForRegion(region));
    if (length === 'TOO_SHORT' || length === 'INVALID_LENGTH') return number;
  }
  return national;
}

/** libphonenumber `stripIddPrefix`: digits after the region's international prefix, if any. */
function stripIdd(number: string, plan: NumberingPlan): string | undefined {
  if (plan.idd === undefined) return undefined;
  const match = plan.idd.exec(number);
  if (match === null) return undefined;
  const rest = number.slice(match[0].length);
  // A country calling code never starts with 0, so "00" + "0…" is not an international prefix.
  if (rest.startsWith('0')) return undefined;
  return rest;
}

/** libphonenumber: the region's own calling code typed without `+` ("49 30 123456" in DE). */
function stripOwnCallingCode(number: string, plan: NumberingPlan): string | undefined {
  const code = plan.callingCode;
  if (!number.startsWith(code)) return undefined;
  const shorter = number.slice(code.length);
  const shorterNational = extractNationalNumber(shorter, plan);
  const national = extractNationalNumber(number, plan);
  if (
    (!plan.national.test(national) && plan.national.test(shorterNational)) ||
    checkLength(national, plan) === 'TOO_LONG'
  ) {
    return shorter;
  }
  return undefined;
}

/**
 * Parses `[+]digits` the way libphonenumber does and validates it.
 * @param input `+` followed by ASCII digits, or ASCII digits only (already cleaned).
 * @param defaultRegion supported region used for numbers without country calling code.
 */
export function parsePhoneDigits(input: string, defaultRegion: string | undefined): PhoneParse {
  const plus = input.startsWith('+');
  const digitCount = plus ? input.length - 1 : input.length;
  // libphonenumber `isViablePhoneNumber`: two bare digits, or at least three.
  if (!(digitCount >= 3 || (!plus && digitCount === 2))) return { ok: false, reason: 'phone_too_short' };

  const defaultPlan = defaultRegion === undefined ? undefined : planForRegion(defaultRegion);
  let international = plus ? input.slice(1) : undefined;
  let callingCode: string | undefined;
  let rest = input;
  if (international === undefined && defaultPlan !== undefined) {
    const withoutIdd = stripIdd(input, defaultPlan);
    if (withoutIdd !== undefined && withoutIdd !== '' && withoutIdd !== input) {
      international = withoutIdd;
    } else {
      const shorter = stripOwnCallingCode(input, defaultPlan);
      if (shorter !== undefined) {
        callingCode = defaultPlan.callingCode;
        rest = shorter;
      }
    }
  }
  if (international !== undefined) {
    if (international.startsWith('0')) return { ok: false, reason: 'phone_country_code' };
    for (let i = 1; i <= MAX_CALLING_CODE_DIGITS && i <= international.length; i++) {
      const candidate = international.slice(0, i);
      if (hasCallingCode(candidate)) {
        callingCode = candidate;
        rest = international.slice(i);
        break;
      }
    }
    if (callingCode === undefined) return { ok: false, reason: 'phone_country_code' };
  }

  let region: string | undefined;
  let plan: NumberingPlan;
  if (callingCode !== undefined) {
    const codePlan = planForCallingCode(callingCode);
    if (codePlan === undefined) return { ok: false, reason: 'phone_country_code' };
    plan = codePlan;
  } else if (defaultRegion !== undefined && defaultPlan !== undefined) {
    region = defaultRegion;
    plan = defaultPlan;
    callingCode = defaultPlan.callingCode;
  } else {
    return { ok: false, reason: 'phone_missing_region' };
  }
  if (rest === '') return { ok: false, reason: 'phone_too_short' };

  const nationalNumber = extractNationalNumber(rest, plan);
  region = regionByCallingCode(callingCode, nationalNumber) ?? region;
  if (nationalNumber.length < MIN_NSN) return { ok: false, reason: 'phone_too_short' };
  if (nationalNumber.length > MAX_NSN) return { ok: false, reason: 'phone_too_long' };

  const validationPlan =
    region === undefined ? (planForCallingCode(callingCode) ?? plan) : planForRegion(region);
  if (isValidFor(nationalNumber, validationPlan)) return { ok: true, callingCode, nationalNumber };
  const length = checkLength(nationalNumber, validationPlan);
  if (length === 'TOO_SHORT') return { ok: false, reason: 'phone_too_short' };
  if (length === 'TOO_LONG') return { ok: false, reason: 'phone_too_long' };
  return { ok: false, reason: 'phone_invalid' };
}
