// The `meta` profile: Meta Conversions API customer information parameters (em, ph).
import { MAX_EMAIL_INPUT, splitAddress } from '../email/address.ts';
import type { NormalizeResult } from '../types.ts';
import type { Profile } from './profile.ts';

function email(raw: string): NormalizeResult {
  if (raw.length > MAX_EMAIL_INPUT) return { ok: false, reason: 'too_long' };
  // Meta: trim and lower-case, nothing else (no gmail dot handling).
  const split = splitAddress(raw.trim().toLowerCase());
  if (!split.ok) return split;
  return { ok: true, value: `${split.local}@${split.domain}` };
}

export const meta: Profile = {
  name: 'meta',
  version: 1,
  summary: 'Meta CAPI: trim, lower-case; phone digits only with country code, no +.',
  sources: [
    'https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters',
  ],
  phoneRules: {
    plus: false,
    minDigits: 1,
    maxDigits: 15,
    withoutPlus: 'digits-first',
    acceptNormalizedE164: false,
  },
  email,
};
