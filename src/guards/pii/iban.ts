// IBANs (ISO 13616): country code, two check digits, then the national account number (BBAN), with
// the total length fixed per country by the SWIFT IBAN registry, and the mod-97 check (ISO 7064)
// equal to 1. Printed IBANs are grouped by four with spaces ("DE89 3704 0044 0532 0130 00").

import { isAsciiAlnum, isDigit, isWordChar } from './chars';
import type { PiiSpan } from './types';

// Total IBAN length per country (SWIFT IBAN registry, 2024 edition).
const LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21,
  CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18,
  FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23,
  IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27,
  MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28,
  PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27,
  SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

export const MAX_IBAN_LENGTH = 34;

/** mod-97 of the IBAN with its first four characters moved to the end (ISO 7064 MOD 97-10). */
export function isValidIban(compact: string): boolean {
  const iban = compact.toUpperCase();
  if (LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < moved.length; i++) {
    const c = moved.charCodeAt(i);
    if (isDigit(c)) rest = (rest * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rest = (rest * 100 + (c - 55)) % 97;
    else return false;
  }
  return rest === 1;
}

// Country code and check digits; the regex engine skips ordinary text much faster than a loop.
const START = /[A-Za-z]{2}\d\d/g;

export function detectIbans(text: string, out: PiiSpan[]): void {
  START.lastIndex = 0;
  for (let m = START.exec(text); m !== null; m = START.exec(text)) {
    const i = m.index;
    if (i > 0 && isWordChar(text.charCodeAt(i - 1))) continue;
    const length = LENGTHS[text.slice(i, i + 2).toUpperCase()];
    if (length === undefined) continue;
    const end = collect(text, i, length);
    if (end < 0) continue;
    const compact = text.slice(i, end).replace(/[ -]/g, '');
    if (!isValidIban(compact)) continue;
    out.push({ type: 'IBAN', start: i, end, confidence: 0.99 });
    START.lastIndex = end;
  }
}

/**
 * End offset after `length` alphanumerics from `start`, allowing one space or hyphen between groups
 * of four; -1 when the run is shorter, longer, or grouped some other way.
 */
function collect(text: string, start: number, length: number): number {
  let count = 0;
  let group = 0;
  let i = start;
  while (count < length) {
    if (i >= text.length) return -1;
    const c = text.charCodeAt(i);
    if (isAsciiAlnum(c)) {
      count++;
      group++;
      i++;
      continue;
    }
    if ((c === 32 || c === 45) && group === 4 && i + 1 < text.length && isAsciiAlnum(text.charCodeAt(i + 1))) {
      group = 0;
      i++;
      continue;
    }
    return -1;
  }
  if (i < text.length && isWordChar(text.charCodeAt(i))) return -1;
  return i;
}
