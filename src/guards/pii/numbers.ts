// Numeric clusters: runs of digit groups joined by short separators ("(978) 645-9740",
// "4111 1111 1111 1111", "123-45-6789"). Phone, card and SSN detectors look at windows of
// consecutive groups of one cluster, so a card followed by its expiry date ("4111 … 1111 12/25")
// is still found: the card is a window of the cluster, not the whole cluster.

import { isDigit, isWordChar } from './chars';

export interface NumberCluster {
  /** Start and end (exclusive) offset of each digit group; groups[0] starts the cluster. */
  starts: number[];
  ends: number[];
  /** Total digits of groups [0, i) — digitsBefore[i]; lets windows count digits in O(1). */
  digitsBefore: number[];
}

// Separator characters between groups: space, no-break spaces, hyphen, dot, slash, parentheses,
// and the dashes word processors substitute for a hyphen.
function isSeparator(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 47 || c === 40 || c === 41 || c === 0xa0 || c === 0x202f ||
    c === 0x2010 || c === 0x2011 || c === 0x2013;
}

// Four or more digits joined by separators of up to three characters. Separators and digits are
// disjoint classes, so each iteration consumes one digit and the match is linear (no nested
// ambiguity to backtrack into). The regex engine finds candidates far faster than a charCodeAt
// loop over ordinary text, where most characters are letters.
const CLUSTER = /\d(?:[ \-.\/()\u00a0\u202f\u2010\u2011\u2013]{0,3}\d){3,}/g;

/**
 * All clusters of `text` with at least four digits in total. A digit glued to a preceding letter
 * ("ID123", "v1.2") does not start a cluster: it belongs to an identifier.
 */
export function numberClusters(text: string): NumberCluster[] {
  const out: NumberCluster[] = [];
  CLUSTER.lastIndex = 0;
  for (let m = CLUSTER.exec(text); m !== null; m = CLUSTER.exec(text)) {
    const i = m.index;
    if (i > 0 && glued(text, i)) {
      CLUSTER.lastIndex = skipIdentifier(text, i);
      continue;
    }
    out.push(groups(text, i, i + m[0].length));
  }
  return out;
}

function groups(text: string, from: number, to: number): NumberCluster {
  const cluster: NumberCluster = { starts: [], ends: [], digitsBefore: [] };
  let digits = 0;
  let j = from;
  while (j < to) {
    const start = j;
    while (j < to && isDigit(text.charCodeAt(j))) j++;
    cluster.starts.push(start);
    cluster.ends.push(j);
    cluster.digitsBefore.push(digits);
    digits += j - start;
    while (j < to && isSeparator(text.charCodeAt(j))) j++;
  }
  cluster.digitsBefore.push(digits);
  return cluster;
}

/** End of the identifier containing `i`: word characters, joined by single `.` or `-` ("v1.2.3"). */
export function skipIdentifier(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) i++;
    else if ((c === 45 || c === 46) && i + 1 < n && isWordChar(text.charCodeAt(i + 1))) i++;
    else break;
  }
  return i;
}

/** The digit at `i` continues a word: "A1", "v1.2", "ABC-123" (a separator right after letters). */
function glued(text: string, i: number): boolean {
  const p = text.charCodeAt(i - 1);
  if (isWordChar(p)) return true;
  if ((p === 45 || p === 46) && i > 1) return isWordChar(text.charCodeAt(i - 2)) && !isDigit(text.charCodeAt(i - 2));
  return false;
}

/** Digits of groups [from, to] (inclusive) as one string. */
export function windowDigits(text: string, c: NumberCluster, from: number, to: number): string {
  let s = '';
  for (let g = from; g <= to; g++) s += text.slice(c.starts[g], c.ends[g]);
  return s;
}

/** The separator text between group g-1 and group g. */
export function separatorBefore(text: string, c: NumberCluster, g: number): string {
  return text.slice(c.ends[g - 1], c.starts[g]);
}

/** Luhn (ISO/IEC 7812-1 annex B) over a digit string. */
export function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
