// Seeded generators of valid values for evaluating the PII detectors on text they were not tuned on:
// card numbers with real brand prefixes and Luhn digits, IBANs with computed check digits, SSNs
// within the SSA rules, phone numbers built from libphonenumber-js's example numbers, addresses,
// and provider keys with random bodies.

import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import examples from 'libphonenumber-js/mobile/examples';
import { mulberry32 } from '../../src/util/random';

export type Random = () => number;

export const seeded: (seed: number) => Random = mulberry32;

export const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const int = (r: Random, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const digits = (r: Random, n: number): string => Array.from({ length: n }, () => String(int(r, 0, 9))).join('');
const chars = (r: Random, alphabet: string, n: number): string =>
  Array.from({ length: n }, () => alphabet[int(r, 0, alphabet.length - 1)]).join('');

function luhnDigit(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const CARD_BRANDS: ReadonlyArray<[prefixes: readonly string[], length: number]> = [
  [['4'], 16], [['4'], 16], [['51', '52', '53', '54', '55', '2221', '2720'], 16], [['34', '37'], 15],
  [['6011', '65'], 16], [['3528', '3589'], 16], [['36'], 14], [['62'], 16], [['4'], 13], [['6759'], 18],
];

export function card(r: Random): string {
  const [prefixes, length] = pick(r, CARD_BRANDS);
  const prefix = pick(r, prefixes);
  const body = prefix + digits(r, length - prefix.length - 1);
  const pan = body + luhnDigit(body);
  const style = int(r, 0, 3);
  if (style === 0) return pan;
  const sep = style === 1 ? ' ' : style === 2 ? '-' : ' ';
  if (length === 15) return [pan.slice(0, 4), pan.slice(4, 10), pan.slice(10)].join(sep);
  return pan.match(/.{1,4}/g)!.join(sep);
}

/** A number that looks like a card but fails Luhn. */
export function badCard(r: Random): string {
  const good = card(r).replace(/\D/g, '');
  const last = (Number(good[good.length - 1]) + int(r, 1, 9)) % 10;
  return (good.slice(0, -1) + last).match(/.{1,4}/g)!.join(' ');
}

// BBAN shapes: a = letter, n = digit, c = alphanumeric.
const BBAN: Readonly<Record<string, string>> = {
  GB: 'aaaannnnnnnnnnnnnn', DE: 'nnnnnnnnnnnnnnnnnn', FR: 'nnnnnnnnnncccccccccccnn', ES: 'nnnnnnnnnnnnnnnnnnnn',
  IT: 'annnnnnnnnncccccccccccc', NL: 'aaaannnnnnnnnn', BE: 'nnnnnnnnnnnn', CH: 'nnnnncccccccccccc',
  AT: 'nnnnnnnnnnnnnnnn', PL: 'nnnnnnnnnnnnnnnnnnnnnnnn', SE: 'nnnnnnnnnnnnnnnnnnnn', IE: 'aaaannnnnnnnnnnnnn',
  PT: 'nnnnnnnnnnnnnnnnnnnnn', DK: 'nnnnnnnnnnnnnn', NO: 'nnnnnnnnnnn', FI: 'nnnnnnnnnnnnnn',
};

function mod97(s: string): number {
  let rest = 0;
  for (const ch of s) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest;
}

export function iban(r: Random, grouped = r() < 0.5): string {
  const country = pick(r, Object.keys(BBAN));
  const bban = [...BBAN[country]]
    .map((k) => (k === 'n' ? digits(r, 1) : k === 'a' ? chars(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1) : chars(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 1)))
    .join('');
  const check = String(98 - mod97(bban + country + '00')).padStart(2, '0');
  const compact = country + check + bban;
  return grouped ? compact.match(/.{1,4}/g)!.join(' ') : compact;
}

export function badIban(r: Random): string {
  const good = iban(r, false);
  const d = (Number(good[2]) + int(r, 1, 9)) % 10;
  return good.slice(0, 2) + d + good.slice(3);
}

export function ssn(r: Random, sep = '-'): string {
  let area = int(r, 1, 899);
  if (area === 666) area = 665;
  return [String(area).padStart(3, '0'), String(int(r, 1, 99)).padStart(2, '0'), String(int(r, 1, 9999)).padStart(4, '0')].join(sep);
}

const PHONE_COUNTRIES: readonly CountryCode[] = ['US', 'US', 'US', 'CA', 'GB', 'DE', 'FR', 'IT', 'ES', 'NL', 'BE', 'CH', 'AT', 'SE', 'PL', 'IE', 'AU', 'IN', 'BR', 'MX', 'JP', 'SG', 'ZA'];

/** A phone number of a random country, in national or international format. */
export function phone(r: Random): string {
  const country = pick(r, PHONE_COUNTRIES);
  const example = getExampleNumber(country, examples as never)!;
  const nsn = example.nationalNumber as string;
  // Keep the leading digits (they select the numbering range), randomise the subscriber part.
  const keep = Math.max(3, nsn.length - 4);
  const number = parsePhoneNumberFromString(nsn.slice(0, keep) + digits(r, nsn.length - keep), country)!;
  const style = int(r, 0, 4);
  if (style <= 1) return number.formatInternational();
  if (country === 'US' || country === 'CA') {
    const n = number.nationalNumber as string;
    const a = n.slice(0, 3);
    const b = n.slice(3, 6);
    const c = n.slice(6);
    return pick(r, [`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `+1 ${a} ${b} ${c}`, `1-${a}-${b}-${c}`]);
  }
  return style === 2 ? number.formatNational() : number.format('E.164');
}

const FIRST = ['anna', 'liam', 'sofia', 'noah', 'mei', 'arjun', 'fatima', 'lukas', 'chloe', 'mateo', 'olga', 'kwame', 'yuki', 'emre'];
const LAST = ['novak', 'garcia', 'okafor', 'schmidt', 'tanaka', 'silva', 'kowalski', 'nguyen', 'dubois', 'haddad', 'larsen', 'rossi'];
const DOMAINS = ['gmail.com', 'outlook.com', 'proton.me', 'acme-corp.io', 'mail.uni-heidelberg.de', 'example.org', 'company.co.uk', 'fastmail.fm', 'startup.ai', 'web.de'];

export function email(r: Random): string {
  const f = pick(r, FIRST);
  const l = pick(r, LAST);
  const local = pick(r, [`${f}.${l}`, `${f[0]}${l}`, `${f}_${l}${int(r, 1, 99)}`, `${f}+news`, `${l}.${f}`, f.toUpperCase()]);
  return `${local}@${pick(r, DOMAINS)}`;
}

export function ipv4(r: Random): string {
  return [int(r, 1, 223), int(r, 0, 255), int(r, 0, 255), int(r, 1, 254)].join('.');
}

export function ipv6(r: Random): string {
  const groups = Array.from({ length: 8 }, () => int(r, 0, 0xffff).toString(16));
  if (r() < 0.5) return groups.join(':');
  return `2001:db8:${groups[2]}::${groups[7]}`;
}

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** A random key of a known provider format, with the type the detector should report. */
export function providerKey(r: Random): { value: string; type: string } {
  const k = int(r, 0, 11);
  switch (k) {
    case 0: return { value: `sk-proj-${chars(r, B62 + '_-', 48)}`, type: 'API_KEY' };
    case 1: return { value: `sk-ant-api03-${chars(r, B62 + '_-', 93)}AA`, type: 'API_KEY' };
    case 2: return { value: `ghp_${chars(r, B62, 36)}`, type: 'API_KEY' };
    case 3: return { value: `github_pat_${chars(r, B62, 22)}_${chars(r, B62, 59)}`, type: 'API_KEY' };
    case 4: return { value: `xoxb-${digits(r, 12)}-${digits(r, 13)}-${chars(r, B62, 24)}`, type: 'API_KEY' };
    case 5: return { value: `sk_live_${chars(r, B62, 24)}`, type: 'API_KEY' };
    case 6: return { value: `AIza${chars(r, B62 + '_-', 35)}`, type: 'API_KEY' };
    case 7: return { value: `AKIA${chars(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`, type: 'AWS_ACCESS_KEY' };
    case 8: return { value: `hf_${chars(r, B62, 34)}`, type: 'API_KEY' };
    case 9: return { value: `glpat-${chars(r, B62 + '_-', 20)}`, type: 'API_KEY' };
    case 10: return { value: `dop_v1_${chars(r, HEX, 64)}`, type: 'API_KEY' };
    default: return { value: `gsk_${chars(r, B62, 52)}`, type: 'API_KEY' };
  }
}

export function randomToken(r: Random, n: number, alphabet = B62): string {
  return chars(r, alphabet, n);
}

export function hex(r: Random, n: number): string {
  return chars(r, HEX, n);
}
