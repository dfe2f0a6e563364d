// IP addresses. IPv4: dotted quad, octets 0–255 without leading zeros (RFC 3986 §3.2.2's
// dec-octet), not part of a longer dotted run (versions "1.2.3.4.5", OIDs). IPv6: RFC 4291 §2.2
// text forms — eight groups, "::" compression once, an IPv4 tail — found around each colon.

import { before, isDigit, isHex, isWordChar } from './chars';
import { type NumberCluster, separatorBefore } from './numbers';
import type { PiiSpan } from './types';

const VERSION_CONTEXT = /(?:version|\bver\.?|\bv|release|build|firmware|sdk|api level)\s*[:=]?\s*$/;

function isOctet(text: string, start: number, end: number): boolean {
  const len = end - start;
  if (len < 1 || len > 3) return false;
  if (len > 1 && text.charCodeAt(start) === 48) return false;
  return Number(text.slice(start, end)) <= 255;
}

export function detectIpv4(text: string, clusters: readonly NumberCluster[], out: PiiSpan[]): void {
  for (const c of clusters) {
    const groups = c.starts.length;
    for (let s = 0; s + 3 < groups; s++) {
      if (s > 0 && separatorBefore(text, c, s) === '.') continue;
      let ok = true;
      for (let g = s; g <= s + 3 && ok; g++) {
        if (!isOctet(text, c.starts[g], c.ends[g])) ok = false;
        else if (g > s && separatorBefore(text, c, g) !== '.') ok = false;
      }
      if (!ok) continue;
      if (s + 4 < groups && separatorBefore(text, c, s + 4) === '.') continue;
      const end = c.ends[s + 3];
      if (end < text.length && isWordChar(text.charCodeAt(end))) continue;
      // "…3.4." ending a sentence is fine; "3.4.5" was excluded above as a longer run.
      if (VERSION_CONTEXT.test(before(text, c.starts[s], 24))) continue;
      out.push({ type: 'IP_ADDRESS', start: c.starts[s], end, confidence: 0.95 });
      s += 3;
    }
  }
}

const isV6Char = (c: number): boolean => isHex(c) || c === 58 || c === 46;

export function detectIpv6(text: string, out: PiiSpan[]): void {
  let from = 0;
  for (;;) {
    const colon = text.indexOf(':', from);
    if (colon < 0) return;
    from = colon + 1;
    const prev = colon > 0 ? text.charCodeAt(colon - 1) : 0;
    const next = colon + 1 < text.length ? text.charCodeAt(colon + 1) : 0;
    // Most colons in prose and code ("Note:", "a: 1", "std::") have no hex digit beside them.
    if (!(isHex(prev) || prev === 58) || !(isHex(next) || next === 58)) continue;
    // At most 39 characters (eight groups of four and seven colons) on either side.
    let start = colon;
    while (start > 0 && colon - start < 40 && isV6Char(text.charCodeAt(start - 1))) start--;
    let end = colon + 1;
    while (end < text.length && end - colon < 40 && isV6Char(text.charCodeAt(end))) end++;
    // Sentence punctuation and a trailing single colon are not part of the address.
    while (end > colon + 1 && text.charCodeAt(end - 1) === 46) end--;
    if (text.charCodeAt(end - 1) === 58 && text.charCodeAt(end - 2) !== 58) end--;
    while (start < colon && text.charCodeAt(start) === 46) start++;
    from = Math.max(from, end);
    if (start > 0 && (isWordChar(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 46)) continue;
    if (end < text.length && isWordChar(text.charCodeAt(end))) continue;
    if (isIpv6(text.slice(start, end))) out.push({ type: 'IP_ADDRESS', start, end, confidence: 0.9 });
  }
}

/** RFC 4291 text form; compressed forms need two groups and a digit ("fe80::1", not "add::bed"). */
export function isIpv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups: string[] = [];
  for (const half of halves) if (half !== '') groups.push(...half.split(':'));
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (i === groups.length - 1 && g.includes('.')) {
      if (!isDottedQuad(g)) return false;
      count += 2;
      continue;
    }
    if (g.length < 1 || g.length > 4) return false;
    for (let k = 0; k < g.length; k++) if (!isHex(g.charCodeAt(k))) return false;
    count++;
  }
  if (halves.length === 1) return count === 8;
  if (count > 7 || groups.length < 2) return false;
  let digit = false;
  for (let k = 0; k < s.length && !digit; k++) digit = isDigit(s.charCodeAt(k));
  return digit;
}

function isDottedQuad(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && isOctet(p, 0, p.length));
}
