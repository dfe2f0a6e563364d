// E-mail addresses: the common subset of RFC 5322's addr-spec (dot-atom local part, hostname
// domain with an alphabetic top-level label), found by expanding around each "@". Quoted local
// parts and IP-literal domains are left out: they are vanishingly rare in prompts.

import { isAsciiAlnum, isAsciiLetter, isWordChar } from './chars';
import type { PiiSpan } from './types';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

// Local-part characters of a dot-atom (RFC 5322 atext, minus the rarely used ones that appear
// next to addresses in prose: quotes, backquote, braces, pipe).
function isLocalChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 46 || c === 95 || c === 45 || c === 43 || c === 37 || c === 33 || c === 35 ||
    c === 36 || c === 38 || c === 42 || c === 61 || c === 63 || c === 94 || c === 126 || (c >= 0xc0 && isWordChar(c));
}

function isDomainChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 45 || c === 46 || (c >= 0xc0 && isWordChar(c));
}

// Asset names like "logo@2x.png" have the shape of an address; these endings are files, not domains.
const FILE_ENDINGS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'css', 'js', 'ts', 'tsx', 'jsx', 'json', 'yml', 'yaml', 'lock']);

// Domains reserved for documentation (RFC 2606, RFC 6761): real syntax, nobody's mailbox.
const RESERVED = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost)$/i;

export function detectEmails(text: string, out: PiiSpan[]): void {
  let from = 0;
  for (;;) {
    const at = text.indexOf('@', from);
    if (at < 0) return;
    from = at + 1;
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && isLocalChar(text.charCodeAt(start - 1))) start--;
    // Leading dots belong to the surrounding text ("…user@host").
    while (start < at && text.charCodeAt(start) === 46) start++;
    if (start === at || text.charCodeAt(at - 1) === 46) continue;
    if (start > 0 && isLocalChar(text.charCodeAt(start - 1))) continue; // local part longer than 64
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(text.charCodeAt(end))) end++;
    while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
    // Words run together after an address ("…@moonchaser.ioHi Ganesh"): a top-level label does not
    // switch from small letters to capitals.
    let lastDot = end - 1;
    while (lastDot > at && text.charCodeAt(lastDot) !== 46) lastDot--;
    if (lastDot > at) {
      for (let k = lastDot + 2; k < end; k++) {
        const c = text.charCodeAt(k);
        const p = text.charCodeAt(k - 1);
        if (c >= 65 && c <= 90 && p >= 97 && p <= 122) {
          end = k;
          break;
        }
      }
    }
    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end);
    if (!validLocal(local) || !validDomain(domain)) continue;
    // "git@github.com:org/repo.git" is an SSH remote, not a mailbox.
    if (local === 'git' && text.charCodeAt(end) === 58) continue;
    out.push({ type: 'EMAIL', start, end, confidence: RESERVED.test(domain) ? 0.6 : 0.99 });
    from = end;
  }
}

function validLocal(local: string): boolean {
  return local.length > 0 && !local.includes('..') && local.charCodeAt(local.length - 1) !== 46;
}

function validDomain(domain: string): boolean {
  if (domain.length < 4 || domain.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63) return false;
    if (label.charCodeAt(0) === 45 || label.charCodeAt(label.length - 1) === 45) return false;
  }
  const tld = labels[labels.length - 1];
  if (tld.startsWith('xn--')) return true;
  if (tld.length < 2 || FILE_ENDINGS.has(tld.toLowerCase())) return false;
  for (let i = 0; i < tld.length; i++) {
    const c = tld.charCodeAt(i);
    if (!isAsciiLetter(c) && !(c >= 0xc0 && isWordChar(c))) return false;
  }
  return true;
}
