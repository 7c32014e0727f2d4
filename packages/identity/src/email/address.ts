// Shared email plumbing: trimming, refusing inner whitespace/controls, splitting at the single '@'.
import type { ReasonCode } from '../reasons.ts';

/** Raw email strings longer than this are refused before any work (CPU guard). */
export const MAX_EMAIL_INPUT = 512;

export type Split =
  | { readonly ok: true; readonly local: string; readonly domain: string }
  | { readonly ok: false; readonly reason: ReasonCode };

// Whitespace, C0/C1 controls, and invisible format characters (zero-width, bidi, BOM).
const FORBIDDEN = /[\s\p{Cc}\p{Cf}]/u;

/**
 * Common first steps of every profile: trim, refuse inner whitespace or control characters
 * (UID2's and Google's formatters refuse inner spaces too), require exactly one '@' with text on
 * both sides. `trimmed` must already be trimmed and case-folded as the profile wants.
 */
export function splitAddress(trimmed: string): Split {
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (FORBIDDEN.test(trimmed)) return { ok: false, reason: 'invalid_characters' };
  const at = trimmed.indexOf('@');
  if (at < 0 || trimmed.indexOf('@', at + 1) >= 0) return { ok: false, reason: 'email_at_sign' };
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  if (local === '') return { ok: false, reason: 'email_local_part' };
  if (domain === '') return { ok: false, reason: 'email_domain' };
  return { ok: true, local, domain };
}

/** Lower-cases A–Z only, leaving every other character as is (what the UID2 operator does). */
export function lowerAscii(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
}

/** Gmail ignores dots and everything from the first '+' in the local part. */
export function gmailLocalPart(local: string): string {
  const plus = local.indexOf('+');
  const beforeTag = plus < 0 ? local : local.slice(0, plus);
  return beforeTag.includes('.') ? beforeTag.replaceAll('.', '') : beforeTag;
}

/** Drops a '+tag' sub-address: "jane+news" → "jane". */
export function withoutSubaddress(local: string): string {
  const plus = local.indexOf('+');
  return plus < 0 ? local : local.slice(0, plus);
}
