// US Social Security numbers. Validity rules from the SSA (area-group-serial): the area is never
// 000, 666 or 900–999 (the 9xx block is ITINs), the group never 00, the serial never 0000.
// A bare 9-digit run is only an SSN when the text around it says so.

import { before, isWordChar } from './chars';
import { type NumberCluster, separatorBefore } from './numbers';
import type { PiiSpan } from './types';

// Numbers the SSA voided after they were printed in advertising, and the textbook example.
const VOID = new Set(['078051120', '219099999', '457555462', '123456789']);

export function isValidSsn(digits: string): boolean {
  if (digits.length !== 9 || VOID.has(digits)) return false;
  const area = digits.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  return digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

const SSN_CONTEXT = /(?:\bssn|social[\s-]*security|\bss\s?#|\bss\s?no|\bssa\b|\btaxpayer|\bitin\b|\btin\b)[^\n]{0,30}$/;

export function detectSsns(text: string, clusters: readonly NumberCluster[], out: PiiSpan[]): void {
  for (const c of clusters) {
    const groups = c.starts.length;
    for (let s = 0; s < groups; s++) {
      const len0 = c.ends[s] - c.starts[s];
      if (len0 === 9 && groups === 1) {
        const digits = text.slice(c.starts[s], c.ends[s]);
        if (isValidSsn(digits) && !gluedAfter(text, c.ends[s]) && SSN_CONTEXT.test(before(text, c.starts[s], 50))) {
          out.push({ type: 'US_SSN', start: c.starts[s], end: c.ends[s], confidence: 0.8 });
        }
        continue;
      }
      if (len0 !== 3 || s + 2 >= groups) continue;
      if (c.ends[s + 1] - c.starts[s + 1] !== 2 || c.ends[s + 2] - c.starts[s + 2] !== 4) continue;
      const sep = separatorBefore(text, c, s + 1);
      if ((sep !== '-' && sep !== ' ') || separatorBefore(text, c, s + 2) !== sep) continue;
      // "12-123-45-6789" or "123-45-6789-1" is some other identifier.
      if (s > 0 && separatorBefore(text, c, s) === sep) continue;
      if (s + 3 < groups && separatorBefore(text, c, s + 3) === sep) continue;
      if (s + 3 === groups && gluedAfter(text, c.ends[s + 2])) continue;
      const digits = text.slice(c.starts[s], c.ends[s]) + text.slice(c.starts[s + 1], c.ends[s + 1]) +
        text.slice(c.starts[s + 2], c.ends[s + 2]);
      if (!isValidSsn(digits)) continue;
      // "123 45 6789" is as often a street number and a code as an SSN: spaced needs an SSN word.
      const spaced = sep === ' ';
      if (spaced && !SSN_CONTEXT.test(before(text, c.starts[s], 50))) continue;
      if (c.starts[s] > 0 && text.charCodeAt(c.starts[s] - 1) === 43) continue; // "+688 90 1234
      out.push({ type: 'US_SSN', start: c.starts[s], end: c.ends[s + 2], confidence: spaced ? 0.7 : 0.9 });
      s += 2;
    }
  }
}

function gluedAfter(text: string, end: number): boolean {
  return end < text.length && isWordChar(text.charCodeAt(end));
}
