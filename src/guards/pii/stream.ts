// What a streaming redactor needs: how long a value can be, how much text before a value the
// detectors read, and where the tail of a partial stream could still turn into (or finish) a value.
//
// Use on streamed output: keep `buffer` = unreleased text; on each chunk, run detectPii over
// (the last CONTEXT_CHARS of released text + buffer), then release buffer up to
// `releasableEnd(buffer, spansInBuffer)` with those spans redacted, and keep the rest.

import { isDigit, isSpace } from './chars';
import { MAX_IBAN_LENGTH } from './iban';
import { isAfterWord, mayDecidePhone } from './phone-context';
import { MAX_PROVIDER_TOKEN } from './providers';
import { MAX_PEM } from './secrets';
import type { PiiSpan, PiiType } from './types';

/** Longest value each type can produce (UTF-16 units); PRIVATE_KEY and JWT are caps, not exact. */
export const MAX_VALUE_LENGTH: Readonly<Record<PiiType, number>> = {
  EMAIL: 318, // 64 local + "@" + 253 domain (RFC 5321 §4.5.3.1)
  PHONE: 48, // 15 digits (E.164) with separators and an extension
  CREDIT_CARD: 23, // 19 digits and 4 separators
  IBAN: MAX_IBAN_LENGTH + 8, // 34 characters grouped by four
  US_SSN: 11,
  IP_ADDRESS: 45, // IPv6 with an IPv4 tail
  API_KEY: MAX_PROVIDER_TOKEN,
  AWS_ACCESS_KEY: 20,
  PRIVATE_KEY: MAX_PEM,
  JWT: 8192,
  SECRET: 256,
};

/** Characters before a value that detectors look at for context ("tel:", "password=", "SSN"). */
export const CONTEXT_CHARS = 96;

// Values that can contain spaces (phones, cards, IBANs, SSNs) are at most this long, on one line.
const MAX_SPACED = 48;
// A phone word after a number can decide that it is a phone ("… 38 (landline)"): up to four
// separators, the word and the space after it are held with the number.
const AFTER_WORD_HOLD = 16;
const MAX_TOKEN = MAX_VALUE_LENGTH.JWT;

/**
 * Offset from which `text` (the unreleased tail of a stream) must be held back: text from here on
 * could still become, or is part of, a value not yet complete. Text before it is final.
 */
export function pendingStart(text: string): number {
  const n = text.length;
  // 1. The last unbroken token may still grow into an e-mail, key, JWT or URL.
  let start = n;
  while (start > 0 && n - start < MAX_TOKEN && !isSpace(text.charCodeAt(start - 1))) start--;
  // 2. Space-separated numbers on the last line ("+44 7700 900", "DE89 3704 0044"), while the
  //    number may still be going on (the text ends in a digit group or in a space).
  // The last word counts while it may still grow into one: "GB82 WE" is the start of "GB82 WEST…",
  // and releasing "GB82 " before the letter group completes leaked an IBAN's country and checksum.
  if (start === n || numericWord(text.slice(start, n)) || growingWord(text.slice(start, n))) {
    const floor = Math.max(text.lastIndexOf('\n', n - 1) + 1, n - MAX_SPACED - AFTER_WORD_HOLD);
    let word = start;
    // The word right after the numbers may be a phone word ("61 51 81 office") whose own next word
    // is still to come ("… office chairs" is a count, not a phone): step over it.
    let nearest = true;
    while (word > floor) {
      let last = word - 1;
      while (last > floor && (text.charCodeAt(last) === 32 || text.charCodeAt(last) === 9)) last--;
      let first = last;
      while (first > floor && !isSpace(text.charCodeAt(first - 1))) first--;
      const w = text.slice(first, last + 1);
      if (!numericWord(w) && !(nearest && isAfterWord(w))) {
        // A number glued to the field before it: "o@example.org,8123" (a CSV row) holds from "8123".
        const field = Math.max(w.lastIndexOf(','), w.lastIndexOf(';'), w.lastIndexOf('"'), w.lastIndexOf("'"), w.lastIndexOf('='));
        if (field >= 0 && numericWord(w.slice(field + 1))) word = first + field + 1;
        break;
      }
      nearest = false;
      word = first;
    }
    start = word;
  }
  // 3. A private key block that has begun and not ended.
  const begin = text.lastIndexOf('-----BEGIN', n);
  if (begin >= 0 && begin < start && n - begin < MAX_PEM) {
    const endMarker = text.indexOf('-----END', begin);
    if (endMarker < 0 || text.indexOf('-----', endMarker + 8) < 0) start = begin;
  }
  return start;
}

// A word that can be part of a spaced number: digit groups, "(0)", "ext.", IBAN letter groups.
function numericWord(w: string): boolean {
  if (w.length === 0 || w.length > 12) return false;
  for (let i = 0; i < w.length; i++) if (isDigit(w.charCodeAt(i))) return true;
  return /^(?:[+(\-–.]|x|ext\.?|#)$/i.test(w) || /^[A-Z]{4}$/.test(w);
}

// A last word that is still a prefix of a numeric word (an IBAN letter group, "ext"), or that
// decides whether the numbers before it are a phone ("61 51 81 off…", "call 8 709 472 cu…").
const growingWord = (w: string) => /^[A-Z]{1,3}$/.test(w) || /^ex?$/i.test(w) || mayDecidePhone(w);

/**
 * How much of `text` can be released now: up to `pendingStart`, moved back to the start of any
 * detected span it would cut through (spans are those found in `text`).
 */
export function releasableEnd(text: string, spans: readonly PiiSpan[]): number {
  let cut = pendingStart(text);
  for (const s of spans) if (s.start < cut && s.end > cut) cut = s.start;
  return cut;
}
