// Small string helpers shared by the normalizers.

/** True if every UTF-16 unit is 7-bit ASCII (lets hot paths skip Unicode normalization). */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

const ENCODER = new TextEncoder();

/** Length of the UTF-8 encoding of `s`. */
export function utf8Length(s: string): number {
  return isAscii(s) ? s.length : ENCODER.encode(s).length;
}
