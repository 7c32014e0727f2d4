// Folding text for search: case- and accent-insensitive keys computed the same way for stored names and queries.

/** Letters that Unicode decomposition does not split into base + mark, spelled the way people type them in ASCII. */
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
};
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL).join('')}]`, 'g');

/**
 * Lower-cased, accents removed (NFKD, combining marks dropped), special letters spelled out, punctuation other than
 * `@ . _ + -` turned into spaces, whitespace collapsed: `Bērziņš` → `berzins`, `MÜLLER` → `muller`,
 * `Weiß` → `weiss`. Idempotent. Used for names and emails; German `ü` is not expanded to `ue` (both forms are
 * searched via the trigram fallback, not equated).
 */
export function foldText(text: string): string {
  return text
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@._+-]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}
