// Coalition loyalty-card numbers: digits only (spaces and dashes stripped), 12–19 digits, Luhn check digit.
import type { NormalizeResult } from '../types.ts';

/** Input cap before any work (a 19-digit number with a separator between every digit is 37 chars). */
export const MAX_LOYALTY_CARD_INPUT = 64;
export const LOYALTY_CARD_MIN_DIGITS = 12;
export const LOYALTY_CARD_MAX_DIGITS = 19;

const SEPARATORS = /[\s\-‐-―−]/g;

/** True when the last digit is the Luhn (mod 10) check digit of the others. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The same for every profile: a card number has one written form once separators are gone. */
export function normalizeLoyaltyCard(raw: string): NormalizeResult {
  if (raw.length > MAX_LOYALTY_CARD_INPUT) return { ok: false, reason: 'too_long' };
  const digits = raw.trim().replace(SEPARATORS, '');
  if (digits.length === 0) return { ok: false, reason: 'empty' };
  if (!/^[0-9]+$/.test(digits)) return { ok: false, reason: 'invalid_characters' };
  if (digits.length < LOYALTY_CARD_MIN_DIGITS || digits.length > LOYALTY_CARD_MAX_DIGITS) {
    return { ok: false, reason: 'loyalty_card_length' };
  }
  if (!luhnValid(digits)) return { ok: false, reason: 'loyalty_card_check_digit' };
  return { ok: true, value: digits };
}

/** Groups of four for display (`6034 9312 3456 7892`). */
export function formatLoyaltyCard(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}
