// The words around a number that make it a phone number (or something else). Kept apart from the
// shape rules in phone.ts because the streaming redactor needs the words that may follow a number
// ("61 51 81 office"): it must hold the number back until such a word is complete.

export type Context = 'phone' | 'other' | 'none';

// The nearest of these keywords before a number decides: phone words make it a phone, identifier
// words ("order no. 0123 456 789") make it something else. "answering" is the verb of a phone that
// rings ("nobody is answering at 785 8949"); "answer" alone is left out: it is the noun of every
// maths question ("the answer is 1 234 567").
const KEYWORDS = new RegExp(
  '(?:\\b(phone|telephone|cellphone|smartphone|mobile|cell\\b|fax\\b|tel\\b|call|dial|sms\\b|whatsapp|contact|reach|' +
    'answering|hotline|landline|telefon|telefono|telefone|celular|cellulare|movil|tlf\\b|handy\\b|portable)|' +
    // Words that start with a non-ASCII letter cannot use \\b (ASCII-only without the u flag).
    '(t[ée]l[ée]phone|tel[ée]fono|m[óo]vil|тел|телефон|電話|전화))|' +
    '\\b(order|tracking|invoice|ref\\b|reference|account|acct|serial|sku|isbn|ticket|case\\b|id\\b|iban|zip|postal|' +
    'postcode|version|build|pin\\b|otp|code|routing|swift|passport|licen[cs]e|vin\\b|imei|price|total|amount|pedido|bestell)',
  'g',
);

export interface Before {
  kind: Context;
  /** For a phone word: it reaches the number through connectors only ("answering at", "Phone: "). */
  tight: boolean;
}

// What may stand between a phone word and its number: punctuation, "no.", "number", pronouns and
// prepositions ("call me back on", "mobile number is", "cell: "), and in a contact block other
// numbers and field labels ("Mobile: 737 219 628\nDesk: 5403926876"). "The mobile app had
// 1 417 841 installs" has a phone word near a number, not in front of it.
const CONNECTORS =
  /^(?:[\s\d+/:=.#,;()\[\]"'\-–]|\b(?:no|nr|num|number|is|are|me|us|him|her|them|at|on|to|back|via|or|my|our|his|their|your|the|main|direct|line)\b|\b[a-z]+:)*$/;

/** The keyword nearest before `start` (up to 40 characters back, across at most one line break). */
export function contextBefore(text: string, start: number): Before {
  // "Phone:\n780 6326" is one field; two line breaks up is another record.
  let window = text.slice(Math.max(0, start - 40), start);
  const firstBreak = window.lastIndexOf('\n');
  if (firstBreak >= 0) {
    const second = window.lastIndexOf('\n', firstBreak - 1);
    if (second >= 0) window = window.slice(second + 1);
  }
  window = window.toLowerCase();
  let last: Context = 'none';
  let after = 0;
  KEYWORDS.lastIndex = 0;
  for (let m = KEYWORDS.exec(window); m !== null; m = KEYWORDS.exec(window)) {
    last = m[1] || m[2] ? 'phone' : 'other';
    after = KEYWORDS.lastIndex;
  }
  // The rest of a phone word ("calling", "mobiles", "phone's") is part of it, not a gap.
  const gap = window.slice(after).replace(/^[\p{L}']*/u, '');
  return { kind: last, tight: last === 'phone' && CONNECTORS.test(gap) };
}

// Words that, right after a number, say it is a phone: "516 466 638 (mobile)", "61 51 81 office".
const AFTER_WORDS = ['office', 'fax', 'mobile', 'cell', 'home', 'work', 'phone', 'tel', 'landline', 'direct'] as const;
const AFTER_WORD = new RegExp(`^[ \\t,;:\\-–(\\\\]{0,4}(?:${AFTER_WORDS.join('|')})\\b`);
// The subset that names a telephone line by itself; "home" and "work" after a short number are
// as often a count ("12 34 56 home games").
const AFTER_PHONE_WORD = /^[ \t,;:\-–(\\]{0,4}(?:office|fax|mobile|cell|phone|tel|landline)\b/;

/**
 * A phone word follows the number ending at `end`, and ends the phrase: "516 466 638 (mobile)",
 * "61 51 81 office", but not "12 345 office chairs", where the word describes what is counted.
 */
export function phoneWordAfter(text: string, end: number, strict = false): boolean {
  const m = (strict ? AFTER_PHONE_WORD : AFTER_WORD).exec(text.slice(end, end + 24).toLowerCase());
  return m !== null && !countedAfter(text, end + m[0].length);
}

// Words that may follow a phone number in a sentence. Any other lower-case word right after a
// number grouped like an amount ("call 1 496 849 customers", "reach 44 205 users") is what the
// number counts.
const FOLLOWERS = new Set([
  'or', 'and', 'if', 'to', 'for', 'before', 'after', 'when', 'while', 'until', 'at', 'on', 'in', 'from', 'by', 'between',
  'during', 'today', 'tonight', 'tomorrow', 'now', 'later', 'soon', 'anytime', 'asap', 'please', 'thanks', 'then', 'but',
  'so', 'as', 'is', 'was', 'which', 'that', 'with', 'instead', 'again', 'back', 'x', 'ext', 'extension',
]);

/** A lower-case word other than a function word follows `end` ("… 1 496 849 customers"). */
export function countedAfter(text: string, end: number): boolean {
  const m = /^[ \t]+([a-z]+)(?![A-Za-z])/.exec(text.slice(end, end + 24));
  return m !== null && !FOLLOWERS.has(m[1]);
}

/**
 * `word`, the last word of a stream, may still change whether the numbers before it are a phone:
 * it may become a phone word ("61 51 81 off" → "office") or a counted noun ("call 8 709 472 cu").
 */
export function mayDecidePhone(word: string): boolean {
  if (/^[a-z]{1,12}$/.test(word)) return true;
  if (word.length === 0 || word.length > 8) return false;
  const w = word.replace(/^\(/, '').toLowerCase();
  return w.length > 0 && AFTER_WORDS.some((a) => a.startsWith(w));
}

/** `word` is a whole phone word that may follow a number; what comes after it still matters. */
export function isAfterWord(word: string): boolean {
  return (AFTER_WORDS as readonly string[]).includes(word.replace(/^[(\-–,;:]+/, '').toLowerCase());
}

// Short numbers (5–6 digits: "Phone: 40123", "call 33 93 31", local numbers of Greenland, the
// Faroes, Pacific islands and many exchanges) read as phones only right after a phone word.
// A label ("Phone:", "tel.", "fax no.", "mobile number") vouches for any shape; a verb ("call",
// "dial", "reach me at") only for grouped digits that are not an amount ("call 10 000 customers").
const LABEL =
  /(?:^|[^\p{L}])(?:phone|telephone|cellphone|mobile|cell|tel|fax|landline|hotline|whatsapp|telefon|telefono|telefone|t[ée]l[ée]phone|тел|телефон)\.?(?: ?(?:no\.?|number|nr\.?|#))?\s*[:=]?\s*$/u;
const VERB = /(?:^|[^\p{L}])(?:call|dial|ring|reach)(?: (?:me|us|him|her|them) (?:at|on))?\s*$/u;

/** How a short number is introduced: by a phone label, a phone verb, or neither. */
export function shortIntroduction(text: string, start: number): 'label' | 'verb' | undefined {
  const head = text.slice(Math.max(0, start - 32), start).toLowerCase();
  if (LABEL.test(head)) return 'label';
  if (VERB.test(head)) return 'verb';
  return undefined;
}
