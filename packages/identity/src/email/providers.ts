// Mail providers whose addressing rules concord-v1 applies (documented in docs/identity.md).

/** Google's consumer mail: dots in the local part are ignored, '+tag' is a sub-address. */
export const GMAIL_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);

/** Canonical spelling of Google's two consumer domains (googlemail.com is the same mailbox). */
export const GMAIL_CANONICAL = 'gmail.com';

/**
 * Consumer providers that document '+tag' sub-addressing (the tag never changes the mailbox), so
 * stripping it cannot merge two people. Dots stay significant there. Changing this list means a
 * new profile version, because tokens would change.
 */
export const SUBADDRESS_DOMAINS: ReadonlySet<string> = new Set([
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'fastmail.com',
  'fastmail.fm',
  'proton.me',
  'protonmail.com',
  'pm.me',
]);
