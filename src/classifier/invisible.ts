// Characters that change nothing a reader sees but break up words for a filter: format
// characters (zero-width, bidi controls, soft hyphen, word joiner, BOM), controls other than
// whitespace, variation selectors, and the combining marks used to stack diacritics (Zalgo text,
// and what NFKD splits accented Latin letters into). One pass over UTF-16 code units with range
// checks: a Unicode-property regex did the same work several times slower.
//
// Ranges: Unicode 15 general categories Cf and Mn/Me in the blocks used with Latin, Cyrillic
// and Greek text (0300–036F, 0483–0489, 1AB0–1AFF, 1DC0–1DFF, 20D0–20FF, FE20–FE2F); marks of
// other scripts (Indic vowel signs, Arabic and Hebrew points) are part of those scripts' words
// and are kept.

function removable(c: number): boolean {
  if (c < 0x20) return c !== 0x09 && c !== 0x0a && c !== 0x0d;
  if (c < 0x7f) return false;
  if (c <= 0x9f) return true; // DEL and C1 controls
  if (c === 0xad) return true; // soft hyphen
  if (c < 0x300) return false;
  if (c <= 0x36f) return true; // combining diacritical marks
  if (c >= 0x483 && c <= 0x489) return true; // Cyrillic combining marks
  if (c < 0x61c) return false;
  if (c === 0x61c || c === 0x180e || c === 0x115f || c === 0x1160 || c === 0x3164 || c === 0xffa0 || c === 0xfeff) return true;
  if (c >= 0x1ab0 && c <= 0x1aff) return true;
  if (c >= 0x1dc0 && c <= 0x1dff) return true;
  if (c >= 0x200b && c <= 0x200f) return true; // zero-width space/joiners, LRM/RLM
  if (c >= 0x202a && c <= 0x202e) return true; // bidi embeddings and overrides
  if (c >= 0x2060 && c <= 0x206f) return true; // word joiner, invisible operators, bidi isolates
  if (c >= 0x20d0 && c <= 0x20ff) return true; // combining marks for symbols
  if (c >= 0xfe00 && c <= 0xfe0f) return true; // variation selectors
  if (c >= 0xfe20 && c <= 0xfe2f) return true; // combining half marks
  if (c >= 0xfff9 && c <= 0xfffb) return true; // interlinear annotation
  return false;
}

/** `text` without invisible characters (surrogate pairs: supplementary variation selectors and tags). */
export function stripInvisible(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let width = 0;
    if (c === 0xdb40 && i + 1 < text.length) {
      // U+E0000–E01EF: tags (already decoded where they mirror ASCII) and variation selectors 17–256.
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xddef) width = 2;
    } else if (removable(c)) width = 1;
    if (width === 0) continue;
    out += text.slice(from, i);
    from = i + width;
    i += width - 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
