// Reduces a raw phone string to `[+]digits`, refusing anything that is not digits and punctuation.
import type { ReasonCode } from '../reasons.ts';

/** Raw phone strings longer than this are refused before any parsing (CPU guard). */
export const MAX_PHONE_INPUT = 64;
/** More digits than any number can have (E.164 allows 15; libphonenumber accepts 3 + 17). */
const MAX_DIGITS = 20;

export type CleanPhone =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: ReasonCode };

function digitOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  // Fullwidth, Arabic-Indic and Eastern Arabic-Indic digits, as libphonenumber accepts them.
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10;
  if (code >= 0x0660 && code <= 0x0669) return code - 0x0660;
  if (code >= 0x06f0 && code <= 0x06f9) return code - 0x06f0;
  return -1;
}

function isSeparator(code: number): boolean {
  switch (code) {
    case 0x20: // space
    case 0x09: // tab
    case 0xa0: // no-break space
    case 0x2d: // -
    case 0x2e: // .
    case 0x28: // (
    case 0x29: // )
    case 0x2f: // /
    case 0x2212: // minus sign
    case 0xad: // soft hyphen
    case 0x200b: // zero-width space
    case 0x2060: // word joiner
    case 0x3000: // ideographic space
    case 0xff08: // fullwidth (
    case 0xff09: // fullwidth )
    case 0xff0d: // fullwidth -
    case 0xff0e: // fullwidth .
    case 0xff0f: // fullwidth /
      return true;
    default:
      // Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar; thin spaces.
      return (code >= 0x2010 && code <= 0x2015) || (code >= 0x2000 && code <= 0x200a) || code === 0x202f;
  }
}

/**
 * Keeps digits and one leading `+`; punctuation used to format numbers is dropped; letters
 * (vanity numbers, "ext. 12"), a second `+`, or `+` after a digit make the input invalid.
 */
export function cleanPhone(raw: string): CleanPhone {
  if (raw.length > MAX_PHONE_INPUT * 4) return { ok: false, reason: 'too_long' };
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (trimmed.length > MAX_PHONE_INPUT) return { ok: false, reason: 'too_long' };
  let out = '';
  let plus = false;
  for (let i = 0; i < trimmed.length; i++) {
    const code = trimmed.charCodeAt(i);
    const digit = digitOf(code);
    if (digit >= 0) {
      out += String.fromCharCode(0x30 + digit);
    } else if (code === 0x2b || code === 0xff0b) {
      if (plus || out !== '') return { ok: false, reason: 'invalid_characters' };
      plus = true;
    } else if (!isSeparator(code)) {
      return { ok: false, reason: 'invalid_characters' };
    }
  }
  if (out === '') return { ok: false, reason: 'phone_too_short' };
  if (out.length > MAX_DIGITS) return { ok: false, reason: 'phone_too_long' };
  return { ok: true, value: plus ? `+${out}` : out };
}
