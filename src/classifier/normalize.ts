// Normalization that undoes cheap evasions before featurization. Every step is a single pass
// (regex replace or a code-point loop), so the work is linear in the input length.
//
// The main view is what the model sees for every text. Two kinds of extra views are scored too
// and the score is the max over views: a leetspeak-folded view (only when the text has
// leet-looking words, so "port 8080" and "$125" are never rewritten in the main view) and the
// decoded payloads (base64, hex, URL-encoding).

import { foldConfusable } from './confusables';
import { decodePayloads, DEFAULT_DECODE_BUDGET, type DecodeBudget } from './decode';

// Format characters (zero-width, bidi controls, soft hyphen, word joiner, BOM), controls other
// than whitespace, variation selectors, and combining marks (Zalgo text, stacked diacritics).
const INVISIBLE = /[\p{Cf}\p{M}\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u115f\u1160\u3164\uffa0\u{e0100}-\u{e01ef}]/gu;
// Unicode "tag" characters U+E0020–E007E mirror ASCII and are invisible: decode ("ASCII smuggling").
const TAGS = /[\u{e0020}-\u{e007e}]/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const NOT_PLAIN = /[^\t\n\r\x20-\x7e]/;
const LETTERS_ONLY = /[^\s!-/:-@[-`{-~]+/g;
const ENTITY = /&(#\d{1,7}|#x[0-9a-f]{1,6}|amp|lt|gt|quot|apos|nbsp);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
// Comment markers hide text from a human reader but not from the model: drop the markers so
// the hidden content reads (and featurizes) like ordinary text. Tags are kept: they carry signal.
const COMMENT = /<!--|-->|\[\/\/\]: ?#/g;
const URL_LIKE = /\bhttps?:\/\/[^\s<>"')\]]+|\bwww\.[^\s<>"')\]]+/gi;
const MENTION = /(^|[^\w])@\w{1,30}/g;
// Three or more single letters/digits joined by one consistent separator: "i g n o r e", "i.g.n.o.r.e".
const SPACED = /(?<![\p{L}\p{N}])[\p{L}\p{N}](?:([ .\-_*|/+])[\p{L}\p{N}])(?:\1[\p{L}\p{N}])+(?![\p{L}\p{N}])/gu;
// Runs of two or more whitespace characters, or any whitespace other than a plain space: single
// spaces (almost all of them) are not matched, so the common case copies nothing.
const SPACE_RUN = /\s{2,}|[^\S ]/g;

function decodeEntity(_: string, body: string): string {
  if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? '';
  const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
}

/** Folds confusables inside words that are (mostly) Latin or entirely made of look-alikes. */
function foldWords(text: string): string {
  return text.replace(LETTERS_ONLY, (word) => {
    if (!NON_ASCII.test(word)) return word;
    let ascii = 0;
    let other = 0;
    for (const ch of word) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80) ascii++;
      else if (foldConfusable(cp) === undefined && /\p{L}/u.test(ch)) other++;
    }
    // A genuine Cyrillic or Greek word has letters outside the look-alike set: keep it.
    if (other > 0 && ascii === 0) return word;
    let out = '';
    for (const ch of word) out += foldConfusable(ch.codePointAt(0)!) ?? ch;
    return out;
  });
}

/**
 * The main view: Unicode compatibility folding, invisible characters removed, homoglyphs folded,
 * markup and entity tricks surfaced, URLs and @mentions reduced to placeholders (style, not
 * content), lower case, spaced-out letters re-joined, whitespace collapsed.
 */
export function normalize(raw: string): string {
  let text = raw;
  if (text.includes('&')) text = text.replace(ENTITY, decodeEntity);
  // Printable ASCII and ordinary whitespace (most traffic) skips the Unicode work entirely.
  if (NOT_PLAIN.test(text)) {
    text = text.replace(TAGS, (ch) => String.fromCharCode(ch.codePointAt(0)! - 0xe0000));
    // NFKD + dropping marks: fullwidth, math alphanumerics, ligatures → ASCII; "ïgnörë" → "ignore".
    text = text.normalize('NFKD').replace(INVISIBLE, '');
    if (NON_ASCII.test(text)) text = foldWords(text);
  }
  if (text.includes('<') || text.includes('[//]')) text = text.replace(COMMENT, ' ');
  if (text.includes('://') || text.includes('www.')) text = text.replace(URL_LIKE, ' url ');
  if (text.includes('@')) text = text.replace(MENTION, '$1 @user ');
  text = text.toLowerCase();
  text = text.replace(SPACED, (run) => run.replace(/[ .\-_*|/+]/g, ''));
  return text.replace(SPACE_RUN, ' ').trim();
}

// Leetspeak: digits and symbols standing for letters. Only applied inside words that also have
// letters, so plain numbers are left alone.
const LEET: Record<string, string> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', '$': 's', '€': 'e',
};
const LEET_WORD = /[a-z0-9@$€]*[a-z][a-z0-9@$€]*/g;
// A leet character followed by a letter: "h4ck", "1gnore", "4ll". Identifiers that only end in
// digits ("mp3", "utf8", "win10") and ordinals ("4th") are not leet.
const LEET_INSIDE = /[01345789@$€][a-z]/;
const ORDINAL = /^\d+(?:st|nd|rd|th)$/;

/** The leetspeak-folded view of a normalized text, or undefined when no word looks leet. */
export function leetView(normalized: string): string | undefined {
  // One cheap test first: almost no text has a leet character followed by a letter.
  if (!LEET_INSIDE.test(normalized)) return undefined;
  let changed = false;
  const out = normalized.replace(LEET_WORD, (word) => {
    if (word.length < 3 || word[0] === '@' || !LEET_INSIDE.test(word) || ORDINAL.test(word)) return word;
    // Words with more digits than letters are identifiers or numbers ("b2b", "mp3" stay).
    let letters = 0;
    for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= 97 && word.charCodeAt(i) <= 122) letters++;
    if (letters < 2 || letters * 2 < word.length - letters) return word;
    changed = true;
    let folded = '';
    for (const ch of word) folded += LEET[ch] ?? ch;
    return folded;
  });
  return changed ? out : undefined;
}

export interface Views {
  /** The main normalized view. */
  main: string;
  /** Extra views (leet-folded, decoded payloads), each normalized. */
  extra: string[];
}

/** All views of a text the model scores; the text's score is the max over them. */
export function views(raw: string, budget: DecodeBudget = DEFAULT_DECODE_BUDGET): Views {
  const main = normalize(raw);
  const extra: string[] = [];
  const leet = leetView(main);
  if (leet !== undefined) extra.push(leet);
  for (const decoded of decodePayloads(raw, budget)) {
    const n = normalize(decoded);
    extra.push(n);
    const l = leetView(n);
    if (l !== undefined) extra.push(l);
  }
  return { main, extra };
}
