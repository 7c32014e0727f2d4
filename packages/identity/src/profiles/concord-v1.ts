// The `concord-v1` profile: Concord's default for matching between nodes (rules in docs/identity.md).
import { gmailLocalPart, MAX_EMAIL_INPUT, splitAddress, withoutSubaddress } from '../email/address.ts';
import { canonicalDomain } from '../email/domain.ts';
import { isValidLocalPart } from '../email/local-part.ts';
import { GMAIL_CANONICAL, GMAIL_DOMAINS, SUBADDRESS_DOMAINS } from '../email/providers.ts';
import { isAscii, utf8Length } from '../text.ts';
import type { NormalizeResult } from '../types.ts';
import type { Profile } from './profile.ts';

/** RFC 5321 path limit minus the angle brackets. */
const MAX_ADDRESS_OCTETS = 254;
// JS trim() plus the zero-width characters spreadsheets and web forms leave at the edges.
const EDGE_JUNK = /^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$/g;

function email(raw: string): NormalizeResult {
  if (raw.length > MAX_EMAIL_INPUT) return { ok: false, reason: 'too_long' };
  const ascii = isAscii(raw);
  let s = ascii ? raw.trim() : raw.normalize('NFC').replace(EDGE_JUNK, '');
  s = s.toLowerCase();
  // Lower-casing can decompose (e.g. U+0130), so compose again: the result must be NFC.
  if (!ascii) s = s.normalize('NFC');
  const split = splitAddress(s);
  if (!split.ok) return split;
  let domain = canonicalDomain(split.domain);
  if (domain === undefined) return { ok: false, reason: 'email_domain' };
  let local = split.local;
  if (GMAIL_DOMAINS.has(domain)) {
    domain = GMAIL_CANONICAL;
    local = gmailLocalPart(local);
  } else if (SUBADDRESS_DOMAINS.has(domain)) {
    local = withoutSubaddress(local);
  }
  if (!isValidLocalPart(local)) return { ok: false, reason: 'email_local_part' };
  const value = `${local}@${domain}`;
  if (utf8Length(value) > MAX_ADDRESS_OCTETS) return { ok: false, reason: 'too_long' };
  return { ok: true, value };
}

export const concordV1: Profile = {
  name: 'concord-v1',
  version: 1,
  summary:
    'Concord v1: NFC, trim, Unicode lower-case, IDN domains as A-labels, Google dot/+tag and known ' +
    'providers’ +tag removal, RFC 5321 limits; phone valid per libphonenumber, E.164 with +.',
  sources: ['docs/identity.md'],
  phoneRules: {
    plus: true,
    minDigits: 1,
    maxDigits: 15,
    withoutPlus: 'national',
    acceptNormalizedE164: false,
  },
  email,
};
