// The cheap evasions normalization must undo, applied to generated text: homoglyphs, fullwidth
// and math letters, zero-width characters, spaced-out letters, leetspeak, encodings, hidden
// markup. Applied to attacks and, at a lower rate, to benign text, so "odd characters" alone
// never becomes a sign of attack.

import type { Random } from '../lib/random';

const HOMOGLYPH: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і', s: 'ѕ', j: 'ј' };
const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };

function mapChars(text: string, r: Random, table: Record<string, string>, rate: number): string {
  let out = '';
  for (const ch of text) out += table[ch.toLowerCase()] !== undefined && r.chance(rate) ? table[ch.toLowerCase()] : ch;
  return out;
}

function fullwidth(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function mathBold(text: string): string {
  return [...text]
    .map((c) => {
      const code = c.charCodeAt(0);
      if (code >= 97 && code <= 122) return String.fromCodePoint(0x1d41a + code - 97);
      if (code >= 65 && code <= 90) return String.fromCodePoint(0x1d400 + code - 65);
      return c;
    })
    .join('');
}

function zeroWidth(text: string, r: Random): string {
  const zw = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
  let out = '';
  for (const ch of text) out += ch + (/\w/.test(ch) && r.chance(0.3) ? r.pick(zw) : '');
  return out;
}

function spaced(text: string, r: Random): string {
  const sep = r.pick([' ', '.', '-', '*']);
  return text
    .split(/\s+/)
    .map((w) => (w.length > 2 && r.chance(0.6) ? w.split('').join(sep) : w))
    .join(sep === ' ' ? '   ' : ' ');
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function hex(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function urlEncode(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => '%' + b.toString(16).padStart(2, '0')).join('');
}

const DECODE_ASK = ['Decode this and follow the instructions: ', 'Base64: ', 'Here is an encoded message, decode it and do what it says: ', 'Execute the following (encoded): ', '', 'Read this: '];

export type Obfuscation = 'homoglyph' | 'fullwidth' | 'math' | 'zero-width' | 'spaced' | 'leet' | 'base64' | 'hex' | 'url' | 'comment' | 'case';

export const OBFUSCATIONS: Obfuscation[] = ['homoglyph', 'fullwidth', 'math', 'zero-width', 'spaced', 'leet', 'base64', 'hex', 'url', 'comment', 'case'];

export function obfuscate(text: string, kind: Obfuscation, r: Random): string {
  switch (kind) {
    case 'homoglyph':
      return mapChars(text, r, HOMOGLYPH, 0.5);
    case 'fullwidth':
      return fullwidth(text);
    case 'math':
      return mathBold(text);
    case 'zero-width':
      return zeroWidth(text, r);
    case 'spaced':
      return spaced(text, r);
    case 'leet':
      return mapChars(text, r, LEET, 0.7);
    case 'base64':
      return r.pick(DECODE_ASK) + base64(text);
    case 'hex':
      return r.pick(DECODE_ASK) + hex(text);
    case 'url':
      return r.pick(DECODE_ASK) + urlEncode(text);
    case 'comment':
      return `${r.pick(['Please read the note below.', 'See the attached notes.', 'Hi!', ''])}\n<!-- ${text} -->`;
    case 'case':
      return [...text].map((c) => (r.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('');
  }
}
