// concord-v1 local-part check: RFC 5322 dot-atom, extended to Unicode letters as RFC 6531 allows.
import { utf8Length } from '../text.ts';

/** RFC 5321 §4.5.3.1.1: at most 64 octets. */
export const MAX_LOCAL_OCTETS = 64;

// atext (RFC 5322 §3.2.3) plus any Unicode letter, mark or number; dots only between atoms.
const ATOM = "[a-z0-9!#$%&'*+/=?^_`{|}~\\p{L}\\p{M}\\p{N}-]+";
const DOT_ATOM = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`, 'u');

export function isValidLocalPart(local: string): boolean {
  if (local === '' || !DOT_ATOM.test(local)) return false;
  return utf8Length(local) <= MAX_LOCAL_OCTETS;
}
