// The `uid2` profile: IAB Tech Lab UID2 normalization, as published and as the UID2 operator runs it.
import { gmailLocalPart, lowerAscii, MAX_EMAIL_INPUT, splitAddress } from '../email/address.ts';
import type { NormalizeResult } from '../types.ts';
import type { Profile } from './profile.ts';

function email(raw: string): NormalizeResult {
  if (raw.length > MAX_EMAIL_INPUT) return { ok: false, reason: 'too_long' };
  // The operator lower-cases ASCII letters only (InputUtil.normalizeEmailString).
  const split = splitAddress(lowerAscii(raw.trim()));
  if (!split.ok) return split;
  let local = split.local;
  // Only gmail.com, not googlemail.com: UID2 names that one domain.
  if (split.domain === 'gmail.com') {
    local = gmailLocalPart(local);
    if (local === '') return { ok: false, reason: 'email_local_part' };
  }
  return { ok: true, value: `${local}@${split.domain}` };
}

export const uid2: Profile = {
  name: 'uid2',
  version: 1,
  summary: 'UID2: trim, ASCII lower-case, gmail.com dot and +tag removal; phone E.164 with +, 10–15 digits.',
  sources: [
    'https://unifiedid.com/docs/getting-started/gs-normalization-encoding',
    'https://github.com/IABTechLab/uid2-operator/blob/main/src/main/java/com/uid2/operator/service/InputUtil.java',
  ],
  phoneRules: {
    plus: true,
    minDigits: 10,
    maxDigits: 15,
    withoutPlus: 'national',
    acceptNormalizedE164: true,
  },
  email,
};
