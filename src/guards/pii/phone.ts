// Phone numbers. Candidates are windows of numeric clusters (see numbers.ts); a window is a phone
// number when its shape says so and libphonenumber-js (the "min" metadata: lengths per country,
// ~29 kB gzipped in the bundle) agrees the length is possible:
//   - international: "+44 7700 900123", "0049 30 1234567" — the country code decides;
//   - North American: "(415) 555-0132", "415-555-0132", "415.555.0132", optional "1"/"+1"/"001";
//   - national with trunk prefix 0: "030 1234567", "07700 900123", "01 23 45 67 89" — possible in
//     one of the common trunk-0 countries;
//   - anything else phone-shaped only next to a phone word ("tel", "call me on", "… (mobile)").
// Dates, decimals, versions, IPv4 and numbers next to "order", "invoice", "id" … are not phones.

import { isPossiblePhoneNumber, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/min';
import { isWordChar } from './chars';
import { type NumberCluster, separatorBefore } from './numbers';
import { type Before, contextBefore, countedAfter, phoneWordAfter, shortIntroduction } from './phone-context';
import type { PiiSpan } from './types';

// Trunk-prefix-0 numbering plans tried for national numbers, most common first.
const TRUNK_ZERO: readonly CountryCode[] = ['GB', 'DE', 'FR', 'IT', 'NL', 'BE', 'AT', 'CH', 'SE', 'AU', 'IN', 'BR'];

// libphonenumber calls cost 4–25 µs; a text full of numbers must not turn into milliseconds, so
// past this many calls per text only the shape rules decide.
const LIBRARY_BUDGET = 48;

// Windows judged per text. Ordinary text has a handful; a text made of nothing but digit groups
// has one per group, and past this cap the rest of it is not searched for phones, so one request
// cannot spend more than about a millisecond here.
const WINDOW_BUDGET = 4096;

interface State {
  /** libphonenumber calls made for this text. */
  calls: number;
  /** Windows judged so far. */
  windows: number;
  /** Context of the last window start looked at: windows tried from one start share it. */
  ctxAt: number;
  ctx: Before;
}

function contextAt(text: string, start: number, state: State): Before {
  if (state.ctxAt !== start) {
    state.ctxAt = start;
    state.ctx = contextBefore(text, start);
  }
  return state.ctx;
}

export function detectPhones(text: string, clusters: readonly NumberCluster[], out: PiiSpan[]): void {
  const state: State = { calls: 0, windows: 0, ctxAt: -1, ctx: { kind: 'none', tight: false } };
  for (const c of clusters) {
    const groups = c.starts.length;
    let s = 0;
    while (s < groups) {
      let accepted = false;
      // Longest window first; at most 7 groups ("+46 (0)8 928 571 38" has 6).
      for (let e = Math.min(groups - 1, s + 6); e >= s; e--) {
        const digits = c.digitsBefore[e + 1] - c.digitsBefore[s];
        if (digits < 5 || digits > 18) continue;
        if (++state.windows > WINDOW_BUDGET) return;
        const span = judge(text, c, s, e, state);
        if (span) {
          out.push(span);
          s = e + 1;
          accepted = true;
          break;
        }
      }
      if (!accepted) s++;
    }
  }
}

function judge(text: string, c: NumberCluster, s: number, e: number, budget: State): PiiSpan | undefined {
  const last = e === c.starts.length - 1;
  let start = c.starts[s];
  let end = c.ends[e];
  const prev = start > 0 ? text.charCodeAt(start - 1) : 0;
  const plus = prev === 43;
  if (plus || prev === 40) start--;
  if (plus && start > 0 && isWordChar(text.charCodeAt(start - 1))) return undefined;
  // A window inside a longer cluster must end where the formatting changes: "555-123-4567 555-…"
  // holds two numbers, "1234 5678 9012 3456" is one run that no phone window may cut.
  if (!last || (s > 0 && !plus)) {
    const next = last ? undefined : separatorBefore(text, c, e + 1);
    const previous = s > 0 && !plus ? separatorBefore(text, c, s) : undefined;
    for (let g = s + 1; g <= e; g++) {
      const inside = separatorBefore(text, c, g);
      if (inside === next || inside === previous) return undefined;
    }
  }
  let extension = 0;
  if (last) {
    extension = extensionLength(text, end);
    if (extension === 0 && end < text.length && isWordChar(text.charCodeAt(end))) return undefined;
  }
  const raw = text.slice(start, end);
  if (!plausibleShape(text, c, s, e)) return undefined;
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 7) {
    // Most 5–6 digit windows (dates, amounts) have no phone word beside them: test that first.
    const span = plus ? undefined : short(text, c, s, e, start, end + extension);
    return span && contextAt(text, start, budget).kind !== 'other' ? span : undefined;
  }
  const seps = e - s;
  const { kind: ctx, tight } = contextAt(text, start, budget);
  const phoneAfter = (): boolean => phoneWordAfter(text, end + extension);
  // "1 250 000", "516 466 638": thousands grouping reads as an amount unless a phone word is right
  // before it ("answering at 516 466 638") or after it ("516 466 638 (mobile)").
  // After a phone verb the number still must not count something ("call 1 496 849 customers").
  if (!plus && digits[0] !== '0' && isThousands(text, c, s, e) && !(tight && !countedAfter(text, end + extension)) && !phoneAfter()) {
    return undefined;
  }
  let confidence = 0;
  const intl = plus ? digits : /^(?:00|011)[1-9]/.test(digits) && seps > 0 ? digits.replace(/^(?:00|011)/, '') : '';
  if (intl) {
    // "+46 (0)8 …": the bracketed trunk zero is not dialled from abroad.
    const national = raw.includes('(0)') ? intl.replace(/^(\d{1,3}?)0/, '$1') : intl;
    // "+290 8999" (Saint Helena) has 7 digits; without the "+" that many digits are too common.
    if (national.length >= (plus ? 7 : 8) && national.length <= 15 && library(budget, () => isPossiblePhoneNumber('+' + national), true)) {
      confidence = 0.95;
    } else if (ctx === 'phone' || phoneAfter()) confidence = 0.6;
  } else if (ctx === 'other') {
    return undefined;
  } else if (isNorthAmerican(raw)) {
    confidence = /[()\-.]/.test(raw) ? 0.85 : 0.7;
  } else if (areaCodeInBrackets(raw)) {
    confidence = 0.7;
  } else if (digits[0] === '0' && digits[1] !== '0' && seps > 0 && digits.length >= 9 && digits.length <= 12 &&
    library(budget, () => TRUNK_ZERO.some((country) => validatePhoneNumberLength(digits, country) === undefined), true)) {
    confidence = 0.8;
  } else if (digits.length <= 13 && ((ctx === 'phone' && !countedAfter(text, end + extension)) || phoneAfter())) {
    // A phone word anywhere near ("name,email,phone\n…,8123 1314") unless the number counts
    // something ("the mobile app had 1417841 installs").
    confidence = 0.6;
  }
  if (confidence === 0) return undefined;
  return { type: 'PHONE', start, end: end + extension, confidence };
}

/** 5–6 digits: a phone only right after a phone label or verb, or right before a phone word. */
function short(text: string, c: NumberCluster, s: number, e: number, start: number, end: number): PiiSpan | undefined {
  const how = shortIntroduction(text, start);
  // "Phone: 40123", "Tel. 312 345": the label vouches for any grouping. After a verb or before a
  // word, the digits must be grouped and not as an amount is: "call 33 93 31", "61 51 81 office",
  // but not "call 10 000 customers", "call 33 93 31 customers" or "12 345 office chairs".
  const grouped = e > s && !amountGrouping(c, s, e);
  if (how === 'label' || (grouped && ((how === 'verb' && !countedAfter(text, end)) || phoneWordAfter(text, end, true)))) {
    return { type: 'PHONE', start, end, confidence: 0.6 };
  }
  return undefined;
}

/** "12 345", "1 234 567": a first group of 1–3 digits, then groups of exactly three. */
function amountGrouping(c: NumberCluster, s: number, e: number): boolean {
  if (c.ends[s] - c.starts[s] > 3) return false;
  for (let g = s + 1; g <= e; g++) if (c.ends[g] - c.starts[g] !== 3) return false;
  return true;
}

function library(budget: State, check: () => boolean, whenExhausted: boolean): boolean {
  if (budget.calls >= LIBRARY_BUDGET) return whenExhausted;
  budget.calls++;
  return check();
}

// "(415) 555-0132", "415-555-0132", "415.555.0132", "415 555 0132", "1-415-555-0132", "001-415-…".
const NANP = /^(?:(?:\+?1|001)[ \-.]?)?(?:\(\d{3}\)[ \-]?|\d{3}([ \-.]))\d{3}[ \-.]\d{4}$/;

function isNorthAmerican(raw: string): boolean {
  const m = NANP.exec(raw);
  if (!m) return false;
  // The second separator matches the first in "415-555-0132"; "415-555.0132" is not a phone.
  return m[1] === undefined || raw.charAt(raw.length - 5) === m[1];
}

// "(88) 684-334", "(11) 96123-7201", "(020) 7946 0018": an area code in brackets, then groups; a
// bracketed year ("(1997) 2000") is not one.
const BRACKETED_AREA = /^\((\d{2,4})\) ?\d{2,5}(?:[ \-]\d{2,5}){1,2}$/;

function areaCodeInBrackets(raw: string): boolean {
  const m = BRACKETED_AREA.exec(raw);
  return m !== null && !/^(?:19|20)\d\d$/.test(m[1]);
}

/** ` x1234`, `ext. 1234`, `#1234` right after the number: returns its length (0 if none). */
function extensionLength(text: string, end: number): number {
  const m = /^ ?(?:x|ext\.?|extension|#) ?\d{1,6}/i.exec(text.slice(end, end + 16));
  if (!m) return 0;
  const after = end + m[0].length;
  return after < text.length && isWordChar(text.charCodeAt(after)) ? 0 : m[0].length;
}

/** Rejects dates, times, decimals, IPv4 and ranges that a digit count alone would let through. */
function plausibleShape(text: string, c: NumberCluster, s: number, e: number): boolean {
  let slashes = 0;
  let dots = 0;
  for (let g = s + 1; g <= e; g++) {
    const sep = separatorBefore(text, c, g);
    if (sep.includes('/')) slashes++;
    if (sep.includes('.')) dots++;
  }
  const groups = e - s + 1;
  // One slash only after an area code with trunk zero ("030/1234567"); more is a date or a path.
  if (slashes > 1 || (slashes === 1 && text.charCodeAt(c.starts[s]) !== 48)) return false;
  // "3.14159265", "12.5 1234": a decimal point is not a phone separator unless used throughout.
  if (dots > 0 && dots !== groups - 1) return false;
  if (dots === 3 && groups === 4 && lengthsAtMost(c, s, e, 3)) return false;
  // Dates in the window: 2024-05-17, 17.05.2024, 05/17/2024 (and what follows them).
  for (let g = s; g + 2 <= e; g++) {
    const a = c.ends[g] - c.starts[g];
    const b = c.ends[g + 1] - c.starts[g + 1];
    const d = c.ends[g + 2] - c.starts[g + 2];
    if (b <= 2 && ((a === 4 && d <= 2) || (a <= 2 && d === 4))) {
      const sep = separatorBefore(text, c, g + 1);
      if (sep === separatorBefore(text, c, g + 2) && (sep === '-' || sep === '.' || sep === '/')) return false;
    }
  }
  // Groups of one digit are rare in phone numbers except a country code, "(0)" or a leading "1".
  let singles = 0;
  for (let g = s; g <= e; g++) {
    const bracketedZero = g > s && text.charCodeAt(c.starts[g] - 1) === 40 && text.charCodeAt(c.ends[g]) === 41;
    if (c.ends[g] - c.starts[g] === 1 && !bracketedZero) singles++;
  }
  if (singles > 1) return false;
  return true;
}

function isThousands(text: string, c: NumberCluster, s: number, e: number): boolean {
  if (e - s < 2 || c.ends[s] - c.starts[s] > 3) return false;
  for (let g = s + 1; g <= e; g++) {
    if (c.ends[g] - c.starts[g] !== 3 || separatorBefore(text, c, g) !== ' ') return false;
  }
  return true;
}

function lengthsAtMost(c: NumberCluster, s: number, e: number, max: number): boolean {
  for (let g = s; g <= e; g++) if (c.ends[g] - c.starts[g] > max) return false;
  return true;
}
