// Normalization that undoes cheap evasions before featurization. Every step is a single pass
// (regex replace or a code-point loop), so the work is linear in the input length.
//
// The main view is what the model sees for every text. Two kinds of extra views are scored too
// and the score is the max over views: a leetspeak-folded view (only when the text has
// leet-looking words, so "port 8080" and "$125" are never rewritten in the main view) and the
// decoded payloads (base64, hex, URL-encoding).

import { foldWords } from './confusables';
import { stripInvisible } from './invisible';
import { decodePayloads, DEFAULT_DECODE_BUDGET, type DecodeBudget } from './decode';

// Unicode "tag" characters U+E0020–E007E mirror ASCII and are invisible: decode ("ASCII smuggling").
const TAGS = /[\u{e0020}-\u{e007e}]/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const NOT_PLAIN = /[^\t\n\r\x20-\x7e]/;
const ENTITY = /&(#\d{1,7}|#x[0-9a-f]{1,6}|amp|lt|gt|quot|apos|nbsp);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
// Comment markers hide text from a human reader but not from the model: drop the markers so
// the hidden content reads (and featurizes) like ordinary text. Tags are kept: they carry signal.
const COMMENT = /<!--|-->|\[\/\/\]: ?#/g;
const URL_LIKE = /\bhttps?:\/\/[^\s<>"')\]]+|\bwww\.[^\s<>"')\]]+/gi;
const MENTION = /(^|[^\w])@\w{1,30}/g;
// Runs of two or more whitespace characters, or any whitespace other than a plain space: single
// spaces (almost all of them) are not matched, so the common case copies nothing.
const SPACE_RUN = /\s{2,}|[^\S ]/g;

// Three or more single letters/digits joined by one consistent separator: "i g n o r e", "i.g.n.o.r.e".
const SPACED_ASCII = /(?<![a-z0-9])[a-z0-9]([ .\-_*|/+])[a-z0-9](?:\1[a-z0-9])+(?![a-z0-9])/g;
const isWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c >= 0x80;
const isSeparator = (c: number): boolean => c === 32 || c === 46 || c === 45 || c === 95 || c === 42 || c === 124 || c === 47 || c === 43;

/**
 * Re-joins three or more single letters or digits separated by one consistent separator
 * ("i g n o r e", "i.g.n.o.r.e", "i-g-n-o-r-e"); a doubled separator or a longer word ends the
 * run. One linear scan (a Unicode-aware regex with lookarounds cost 20x more on non-ASCII text).
 */
function joinSpacedLetters(text: string): string {
  const n = text.length;
  let out = '';
  let from = 0;
  const single = (j: number): boolean => j < n && isWordChar(text.charCodeAt(j)) && (j + 1 >= n || !isWordChar(text.charCodeAt(j + 1)));
  for (let i = 0; i + 4 < n; i++) {
    if (!single(i) || (i > 0 && isWordChar(text.charCodeAt(i - 1)))) continue;
    const sep = text.charCodeAt(i + 1);
    if (!isSeparator(sep)) continue;
    let end = i + 1; // just past the last letter of the run
    let letters = 1;
    while (end + 1 < n && text.charCodeAt(end) === sep && single(end + 1)) {
      end += 2;
      letters++;
    }
    if (letters < 3) continue;
    let joined = '';
    for (let j = i; j < end; j += 2) joined += text[j];
    out += text.slice(from, i) + joined;
    from = end;
    i = end - 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

function decodeEntity(_: string, body: string): string {
  if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? '';
  const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
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
    if (text.includes('\udb40')) text = text.replace(TAGS, (ch) => String.fromCharCode(ch.codePointAt(0)! - 0xe0000));
    // NFKD + dropping marks: fullwidth, math alphanumerics, ligatures → ASCII; "ïgnörë" → "ignore".
    // Spaced letters are joined before look-alikes are folded, so folding sees whole words.
    text = joinSpacedLetters(stripInvisible(text.normalize('NFKD')));
    if (NON_ASCII.test(text)) text = foldWords(text);
  }
  if (text.includes('<') || text.includes('[//]')) text = text.replace(COMMENT, ' ');
  if (text.includes('://') || text.includes('www.')) text = text.replace(URL_LIKE, ' url ');
  if (text.includes('@')) text = text.replace(MENTION, '$1 @user ');
  text = text.toLowerCase();
  // ASCII text (a regex is fastest there; other text was joined above by a scan).
  text = text.replace(SPACED_ASCII, (run) => run.replace(/[ .\-_*|/+]/g, ''));
  return text.replace(SPACE_RUN, ' ').trim();
}

// Leetspeak: digits and symbols standing for letters. Only applied inside words that also have
// letters, so plain numbers are left alone.
const LEET: Record<string, string> = {
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', '$': 's', '€': 'e',
};
const LEET_HIT = /[01345789@$€][a-z]/g;
const isLeetWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 64 || c === 36 || c === 0x20ac;
// A leet character followed by a letter marks a leet word: "h4ck", "1gnore", "4ll". Identifiers
// that only end in digits ("mp3", "utf8", "win10") and ordinals ("4th") are not leet.
const ORDINAL = /^\d+(?:st|nd|rd|th)$/;

/** The leetspeak-folded view of a normalized text, or undefined when no word looks leet. */
export function leetView(normalized: string): string | undefined {
  return leetFold(normalized)?.text;
}

/**
 * The leet view and the words it folded, as [start, end) offsets. Folding maps one character to
 * one, so the view has the text's length and differs from it only inside those words.
 */
export function leetFold(normalized: string): { text: string; changed: Array<[number, number]> } | undefined {
  const changed: Array<[number, number]> = [];
  // Each hit of "leet character before a letter" is widened to its word, which is folded once;
  // words without such a hit are never examined.
  LEET_HIT.lastIndex = 0;
  let out = '';
  let from = 0;
  for (let m = LEET_HIT.exec(normalized); m !== null; m = LEET_HIT.exec(normalized)) {
    let start = m.index;
    while (start > 0 && isLeetWordChar(normalized.charCodeAt(start - 1))) start--;
    if (start < from) continue; // inside a word already handled
    let end = m.index + 2;
    while (end < normalized.length && isLeetWordChar(normalized.charCodeAt(end))) end++;
    LEET_HIT.lastIndex = end;
    const word = normalized.slice(start, end);
    if (word.length < 3 || word[0] === '@' || ORDINAL.test(word)) continue;
    // Words with more digits than letters are identifiers or numbers ("b2b", "mp3" stay).
    let letters = 0;
    for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= 97 && word.charCodeAt(i) <= 122) letters++;
    if (letters < 2 || letters * 2 < word.length - letters) continue;
    let folded = '';
    for (const ch of word) folded += LEET[ch] ?? ch;
    out += normalized.slice(from, start) + folded;
    changed.push([start, end]);
    from = end;
  }
  return from === 0 ? undefined : { text: out + normalized.slice(from), changed };
}

export interface Views {
  /** The main normalized view. */
  main: string;
  /** Extra views (leet-folded, decoded payloads), each normalized. */
  extra: string[];
  /** When the main view has a leet view (then `extra[0]`): the words folded in it. */
  leetChanged?: Array<[number, number]>;
}

/** All views of a text the model scores; the text's score is the max over them. */
export function views(raw: string, budget: DecodeBudget = DEFAULT_DECODE_BUDGET): Views {
  const main = normalize(raw);
  const extra: string[] = [];
  const leet = leetFold(main);
  if (leet !== undefined) extra.push(leet.text);
  for (const decoded of decodePayloads(raw, budget)) {
    const n = normalize(decoded);
    extra.push(n);
    const l = leetView(n);
    if (l !== undefined) extra.push(l);
  }
  return leet ? { main, extra, leetChanged: leet.changed } : { main, extra };
}
