// concord-v1 domain handling: IDN to its ASCII (A-label) form, then a strict hostname check.

/** RFC 1035 label, lower-case ASCII after IDNA; no leading or trailing hyphen. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Top-level domain: letters, or an IDN A-label; never all digits (that would be an IP address). */
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const ASCII_HOST_CHARS = /^[a-z0-9.-]+$/;
/** Characters allowed in an internationalized domain before IDNA: letters, marks, digits, '.', '-'. */
const UNICODE_HOST_CHARS = /^[\p{L}\p{M}\p{N}.-]+$/u;

/**
 * Returns the canonical ASCII form of a lower-cased domain, or undefined if it is not a
 * well-formed DNS host name. Unicode domains go through the WHATWG URL host parser (UTS #46
 * processing, available in every JS runtime) so "bücher.de" and "xn--bcher-kva.de" are equal.
 */
export function canonicalDomain(domain: string): string | undefined {
  let ascii = domain;
  if (!ASCII_HOST_CHARS.test(domain) || domain.includes('xn--')) {
    if (!UNICODE_HOST_CHARS.test(domain)) return undefined;
    try {
      ascii = new URL(`http://${domain}/`).hostname;
    } catch {
      return undefined;
    }
    if (!ASCII_HOST_CHARS.test(ascii)) return undefined;
  }
  if (ascii.length > 253) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2) return undefined;
  for (const label of labels) if (!LABEL.test(label)) return undefined;
  if (!TLD.test(labels[labels.length - 1] as string)) return undefined;
  return ascii;
}
