// Payment card numbers (PANs): issuer prefix (IIN) and length of a known brand, then Luhn.
// Ranges follow the public IIN lists (ISO/IEC 7812; brands' published BIN ranges).

import { before, isWordChar } from './chars';
import { type NumberCluster, luhn, separatorBefore, windowDigits } from './numbers';
import type { PiiSpan } from './types';

const ANY = [12, 13, 14, 15, 16, 17, 18, 19];
const LONG = [16, 17, 18, 19];

// [first prefix, last prefix (same digit count), allowed lengths, brand]
const RANGES: ReadonlyArray<readonly [string, string, readonly number[], string]> = [
  ['4', '4', [13, 16, 19], 'visa'],
  ['51', '55', [16], 'mastercard'],
  ['2221', '2720', [16], 'mastercard'],
  ['34', '34', [15], 'amex'],
  ['37', '37', [15], 'amex'],
  ['300', '305', [14, ...LONG], 'diners'],
  ['3095', '3095', [14, ...LONG], 'diners'],
  ['36', '36', [14, ...LONG], 'diners'],
  ['38', '39', [14, ...LONG], 'diners'],
  // JCB is 3528–3589; 3500–3527 are unassigned but common in generated test data, and Luhn
  // keeps the cost of the wider range small.
  ['3500', '3589', LONG, 'jcb'],
  // Older 15-digit JCB ranges, still in test data and old records.
  ['2131', '2131', [15], 'jcb'],
  ['1800', '1800', [15], 'jcb'],
  ['2200', '2204', LONG, 'mir'],
  ['6011', '6011', LONG, 'discover'],
  ['644', '649', LONG, 'discover'],
  ['65', '65', LONG, 'discover'],
  ['62', '62', LONG, 'unionpay'],
  // Maestro and national debit schemes (RuPay 60…, Verve 506…): 12 to 19 digits.
  ['50', '50', ANY, 'maestro'],
  ['56', '69', ANY, 'maestro'],
];

/** The brand a PAN's prefix and length belong to, or undefined. */
export function cardBrand(digits: string): string | undefined {
  for (const [lo, hi, lengths, brand] of RANGES) {
    if (!lengths.includes(digits.length)) continue;
    const p = digits.slice(0, lo.length);
    if (p >= lo && p <= hi) return brand;
  }
  return undefined;
}

/** A valid card number: known brand prefix and length, and the Luhn check digit. */
export function isCardNumber(digits: string): boolean {
  return digits.length >= 12 && digits.length <= 19 && cardBrand(digits) !== undefined && luhn(digits);
}

// Words that make a bare digit run an identifier of something else.
const NOT_A_CARD = /(?:order|tracking|invoice|isbn|sku|serial|ticket|case|timestamp|imei|barcode|ean|upc)\b[^\n]{0,16}$/;

export function detectCards(text: string, clusters: readonly NumberCluster[], out: PiiSpan[]): void {
  for (const c of clusters) {
    const groups = c.starts.length;
    let s = 0;
    while (s < groups) {
      const found = longestCardFrom(text, c, s);
      if (found < 0) {
        s++;
        continue;
      }
      const start = c.starts[s];
      const end = c.ends[found];
      // "+4915123451465" is an international phone number that happens to pass Luhn.
      if (start > 0 && text.charCodeAt(start - 1) === 43) {
        s = found + 1;
        continue;
      }
      const bare = found === s;
      const digits = c.digitsBefore[found + 1] - c.digitsBefore[s];
      if (bare && NOT_A_CARD.test(before(text, start, 40))) {
        s = found + 1;
        continue;
      }
      const confidence = !bare ? 0.95 : digits >= 15 ? 0.9 : 0.7;
      out.push({ type: 'CREDIT_CARD', start, end, confidence });
      s = found + 1;
    }
  }
}

function continuesRun(text: string, c: NumberCluster, s: number, e: number, sep: string): boolean {
  const four = (g: number): boolean => c.ends[g] - c.starts[g] === 4;
  if (s > 0 && four(s - 1) && separatorBefore(text, c, s) === sep) return true;
  return e + 1 < c.starts.length && four(e + 1) && separatorBefore(text, c, e + 1) === sep;
}

/** Index of the last group of the longest valid card window starting at group s, or -1. */
function longestCardFrom(text: string, c: NumberCluster, s: number): number {
  let best = -1;
  let sep = '';
  // Formatted numbers start with a group of 4 (Visa, Mastercard, Amex "3782 822463 10005", …).
  const firstLen = c.ends[s] - c.starts[s];
  for (let e = s; e < c.starts.length; e++) {
    const digits = c.digitsBefore[e + 1] - c.digitsBefore[s];
    if (digits > 19) break;
    if (e > s) {
      if (firstLen !== 4) break;
      const sp = separatorBefore(text, c, e);
      // One separator, the same all along: a space or a hyphen.
      if (sp !== ' ' && sp !== '-') break;
      if (e === s + 1) {
        sep = sp;
        // Starting inside a run of four-digit groups: every window from here continues it.
        if (s > 0 && c.ends[s - 1] - c.starts[s - 1] === 4 && separatorBefore(text, c, s) === sep) return best;
      } else if (sp !== sep) break;
    }
    if (digits < 12) continue;
    // Inside a longer run of four-digit groups ("1234 5678 9012 3456 7890"), no window is a card.
    if (e > s && continuesRun(text, c, s, e, sep)) continue;
    // A last group glued to letters ("…1111abc") is part of an identifier.
    if (e === c.starts.length - 1 && c.ends[e] < text.length && isWordChar(text.charCodeAt(c.ends[e]))) break;
    if (isCardNumber(windowDigits(text, c, s, e))) best = e;
  }
  return best;
}
