// Encoded payloads (base64, hex, URL-encoding): attackers wrap an instruction in an encoding
// the target model can read but a keyword filter cannot. We decode candidate runs and score
// the decoded text as extra views. Work is bounded: a fixed number of candidates and a cap on
// decoded characters, so hostile input cannot make this superlinear or unbounded.

const URL_RUN = /(?:%[0-9a-fA-F]{2}[^\s%]{0,3}){4,}/g;

export interface DecodeBudget {
  /** Maximum decoded views per text. */
  maxViews: number;
  /** Maximum decoded characters over all views. */
  maxChars: number;
}

export const DEFAULT_DECODE_BUDGET: DecodeBudget = { maxViews: 4, maxChars: 8192 };

const B64 = new Int16Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (B64[c.charCodeAt(0)] = i));
B64['-'.charCodeAt(0)] = 62; // base64url
B64['_'.charCodeAt(0)] = 63;

function base64Bytes(run: string): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < run.length; i++) {
    const v = B64[run.charCodeAt(i)];
    if (v < 0) break; // '=' padding
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}

function hexBytes(run: string): number[] {
  const digits = run.replace(/[ :]/g, '');
  const out: number[] = [];
  for (let i = 0; i + 1 < digits.length; i += 2) out.push(parseInt(digits.slice(i, i + 2), 16));
  return out;
}

/** Bytes → text if they look like natural-language UTF-8 (mostly printable, has letters and spaces). */
function asText(bytes: number[]): string | undefined {
  if (bytes.length < 8) return undefined;
  let printable = 0;
  let letters = 0;
  let spaces = 0;
  for (const b of bytes) {
    if ((b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13 || b >= 0x80) printable++;
    if ((b >= 65 && b <= 90) || (b >= 97 && b <= 122)) letters++;
    if (b === 32) spaces++;
  }
  // Random binary (hashes, keys, images) fails these; text and code pass.
  if (printable < bytes.length * 0.95 || letters < bytes.length * 0.5 || spaces === 0) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

function urlDecode(run: string): string | undefined {
  try {
    const text = decodeURIComponent(run);
    return /[a-zA-Z]{2}/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

// Character classes for the run scanner: one table lookup per character.
const B64_CLASS = 1;
const HEX_CLASS = 2;
const HEX_DUMP_CLASS = 4; // hex digits and the separators of a spaced dump ("de ad be ef", "de:ad")
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9+/_-]/.test(ch)) CLASS[c] |= B64_CLASS;
  if (/[0-9a-fA-F]/.test(ch)) CLASS[c] |= HEX_CLASS | HEX_DUMP_CLASS;
  if (ch === ' ' || ch === ':') CLASS[c] |= HEX_DUMP_CLASS;
}
const MIN_RUN = 24; // 18 bytes of base64, 12 of hex
const MIN_DUMP = 35; // 12 bytes written "xx xx …"

const inClass = (text: string, i: number, cls: number): boolean => {
  const c = text.charCodeAt(i);
  return c < 128 && (CLASS[c] & cls) !== 0;
};

/**
 * Runs of characters of class `cls` at least `min` long. A run starting at i must cover
 * i + min - 1, so the scan probes that position and walks back to the nearest character outside
 * the class: on prose it reads a fraction of the characters, and none more than twice.
 */
function runsOf(text: string, cls: number, min: number, max: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  const n = text.length;
  let i = 0;
  while (i + min <= n && runs.length < max) {
    let j = i + min - 1;
    while (j >= i && inClass(text, j, cls)) j--;
    if (j >= i) {
      i = j + 1;
      continue;
    }
    let end = i + min;
    while (end < n && inClass(text, end, cls)) end++;
    runs.push([i, end]);
    i = end + 1;
  }
  return runs;
}

const HEX_ONLY = /^[0-9a-fA-F]+$/;
// Within a candidate run: twelve or more byte pairs, each followed by one separator.
const HEX_DUMP = /(?:[0-9a-fA-F]{2}[ :]){11,}[0-9a-fA-F]{2}/;

/** Decoded payloads found in `text` (which should be the raw or NFKC text: base64 is case-sensitive). */
export function decodePayloads(text: string, budget: DecodeBudget = DEFAULT_DECODE_BUDGET): string[] {
  const views: string[] = [];
  let chars = 0;
  // Returns false when the budget is spent.
  const add = (decoded: string | undefined): boolean => {
    if (decoded === undefined) return true;
    const room = budget.maxChars - chars;
    if (room <= 0) return false;
    const piece = decoded.length > room ? decoded.slice(0, room) : decoded;
    views.push(piece);
    chars += piece.length;
    return views.length < budget.maxViews;
  };
  // A bounded number of attempts, each O(run length): hostile input cannot make this unbounded.
  const attempts = budget.maxViews * 4;
  if (text.includes('%')) {
    URL_RUN.lastIndex = 0;
    let tried = 0;
    for (let m = URL_RUN.exec(text); m !== null && tried++ < attempts; m = URL_RUN.exec(text)) if (!add(urlDecode(m[0].slice(0, budget.maxChars * 3)))) return views;
  }
  for (const [start, end] of runsOf(text, B64_CLASS, MIN_RUN, attempts)) {
    const body = text.slice(start, Math.min(end, start + budget.maxChars * 2));
    // A hex run is also valid base64: try hex first, then base64.
    const decoded = (HEX_ONLY.test(body) ? asText(hexBytes(body)) : undefined) ?? asText(base64Bytes(body));
    if (!add(decoded)) return views;
  }
  for (const [start, end] of runsOf(text, HEX_DUMP_CLASS, MIN_DUMP, attempts)) {
    const dump = HEX_DUMP.exec(text.slice(start, Math.min(end, start + budget.maxChars * 3)));
    if (dump !== null && !add(asText(hexBytes(dump[0])))) return views;
  }
  return views;
}
