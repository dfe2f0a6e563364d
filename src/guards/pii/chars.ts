// Character tests on UTF-16 code units. The detectors scan with charCodeAt loops instead of
// global regular expressions: one linear pass, no backtracking, and no work on text that has
// nothing the detector could match.

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isUpper = (c: number): boolean => c >= 65 && c <= 90;
export const isLower = (c: number): boolean => c >= 97 && c <= 122;
export const isAsciiLetter = (c: number): boolean => isUpper(c) || isLower(c);
export const isAsciiAlnum = (c: number): boolean => isDigit(c) || isAsciiLetter(c);
export const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Letters and digits of any script, and `_`: a value glued to one of these is part of a longer word. */
export function isWordChar(c: number): boolean {
  if (c < 128) return isAsciiAlnum(c) || c === 95;
  // Non-ASCII letters (é, ß, Cyrillic, CJK …) count as word characters; punctuation and spaces
  // above U+2000 do not.
  return c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && (c < 0x2000 || c > 0x2bff) && c !== 0x3000 && c !== 0xfeff;
}

/** Characters of tokens, keys and passwords (base64, base64url, hex, most generated secrets). */
export function isTokenChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 95 || c === 45 || c === 43 || c === 47 || c === 61 || c === 46 || c === 126;
}

export const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x202f;

/** Lower-cased text of the `width` characters before `index`, for context keyword tests. */
export function before(text: string, index: number, width: number): string {
  return text.slice(Math.max(0, index - width), index).toLowerCase();
}

/** Lower-cased text of the `width` characters after `index`. */
export function after(text: string, index: number, width: number): string {
  return text.slice(index, index + width).toLowerCase();
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
