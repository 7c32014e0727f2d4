// The `google` profile: Google Customer Match / Data Manager API user-data formatting.

import { gmailLocalPart, MAX_EMAIL_INPUT, splitAddress } from '../email/address.ts';
import { GMAIL_DOMAINS } from '../email/providers.ts';
import type { NormalizeResult } from '../types.ts';
import type { Profile } from './profile.ts';

function email(raw: string): NormalizeResult {
  if (raw.length > MAX_EMAIL_INPUT) return { ok: false, reason: 'too_long' };
  const split = splitAddress(raw.trim().toLowerCase());
  if (!split.ok) return split;
  let local = split.local;
  // Google's own formatter drops dots and the '+tag' for both of its consumer domains.
  if (GMAIL_DOMAINS.has(split.domain)) {
    local = gmailLocalPart(local);
    if (local === '') return { ok: false, reason: 'email_local_part' };
  }
  return { ok: true, value: `${local}@${split.domain}` };
}

export const google: Profile = {
  name: 'google',
  version: 1,
  summary:
    'Google Data Manager: trim, lower-case, gmail.com/googlemail.com dot and +tag removal; phone E.164 with +.',
  sources: [
    'https://developers.google.com/data-manager/api/get-started/formatting',
    'https://github.com/googleads/data-manager-node/blob/main/util/src/formatter.ts',
  ],
  phoneRules: {
    plus: true,
    minDigits: 1,
    maxDigits: 15,
    withoutPlus: 'national-first',
    acceptNormalizedE164: false,
  },
  email,
};
