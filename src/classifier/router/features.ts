// Featurization for the router (the `complexity` head). Training and serving both call
// `featurize`, so what the model saw in training is exactly what it sees in the Worker.
//
// A prompt becomes a sparse vector: a few dense "shape" signals (length, options, maths,
// code, word lists …) in the first slots, then hashed word unigrams/bigrams and cue tokens.
// Work is bounded: only the first `headChars` and last `tailChars` characters are tokenized
// (the question of a long reading task sits at its end), so a 32k-token prompt costs about
// what a 1.5k-token one does.

export interface FeatureConfig {
  /** Hashed n-grams and cue tokens on or off (off: dense features only). */
  hashed: boolean;
  /** log2 of the hashed feature space. */
  hashBits: number;
  /** Include word bigrams. */
  bigrams: boolean;
  headChars: number;
  tailChars: number;
}

import { complexityCore, complexityPrior, mathsMarkup, windows } from './prior';
import { mix32 } from '../../util/random';

export const DEFAULT_FEATURES: FeatureConfig = { hashed: true, hashBits: 16, bigrams: true, headChars: 4000, tailChars: 2000 };

export const DENSE_NAMES = [
  'log_chars', 'log_words', 'log_lines', 'options', 'has_options', 'digit_share', 'log_numbers',
  'latex', 'math_ops', 'code', 'question_marks', 'ends_question', 'starts_lower', 'word_list',
  'capitalized_share', 'mean_word_len', 'long_word_share', 'blank', 'quotes', 'maths_markup', 'prior_core', 'prior', 'bias',
] as const;
export const DENSE = DENSE_NAMES.length;

/** Reusable output buffer: indices into [0, DENSE + 2^hashBits) and their values. */
export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
  length: number;
}

export function sparseVector(capacity = 4096): SparseVector {
  return { index: new Int32Array(capacity), value: new Float32Array(capacity), length: 0 };
}

function push(out: SparseVector, index: number, value: number): void {
  if (out.length === out.index.length) {
    const index2 = new Int32Array(out.index.length * 2);
    const value2 = new Float32Array(out.index.length * 2);
    index2.set(out.index);
    value2.set(out.value);
    out.index = index2;
    out.value = value2;
  }
  out.index[out.length] = index;
  out.value[out.length] = value;
  out.length++;
}

// FNV-1a, then a murmur3 finalizer so nearby token hashes spread over the table.
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h);
}

const BIGRAM_SEED = 0x9e3779b1;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;

// One table lookup per character instead of a chain of comparisons.
const WORD = 1, SYMBOL = 2;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (isDigit(c) || isUpper(c) || isLower(c)) CLASS[c] = WORD;
// Symbols that carry task-type signal (LaTeX, code, formulas, blanks) become tokens of their own.
for (const ch of '$\\^_=+*/<>(){}[]#%:;|&~`@') CLASS[ch.charCodeAt(0)] = SYMBOL;
const classOf = (c: number) => (c < 128 ? CLASS[c] : WORD);

// Cue words used as dense counts (multi-step, constraints, comparison). Hashed unigrams see
// them too; the dense form lets the model share one weight across held-out task types.
const WH_WORDS = new Set(['who', 'what', 'when', 'where', 'which', 'why', 'how', 'is', 'are', 'did', 'does', 'do', 'can', 'write', 'find', 'calculate', 'compute', 'determine', 'explain', 'describe', 'solve', 'let', 'if', 'given', 'suppose', 'consider', 'q']);


/**
 * Lines in text[from, to), and option lines such as "A. …", "(B) …", "C) …" in order from
 * `state.expected` (so the count continues across the head and tail windows).
 */
function linesAndOptions(text: string, from: number, to: number, state: { lines: number; options: number; expected: number }): void {
  for (let i = from - 1; ; ) {
    let j = i + 1;
    if (text.charCodeAt(j) === 40) j++; // '('
    if (j + 1 < to && text.charCodeAt(j) === state.expected) {
      const next = text.charCodeAt(j + 1);
      if (next === 46 || next === 41 || next === 58) {
        state.options++;
        state.expected++;
      }
    }
    i = text.indexOf('\n', i + 1);
    if (i === -1 || i >= to) break;
    state.lines++;
  }
}

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 160;

/** Feature 0, log length: also computed alone when a model needs nothing else. */
export const logChars = (text: string) => Math.log1p(text.length) / 10;

/**
 * Writes the features of `text` into `out` (cleared first). Dense values come first at
 * indices 0..DENSE-1, hashed features at DENSE + (hash & mask).
 */
export function featurize(text: string, cfg: FeatureConfig, out: SparseVector): void {
  out.length = 0;
  const mask = (1 << cfg.hashBits) - 1;
  // Tokenize text[0, headEnd) and text[tailStart, n): the whole text when it is short.
  const w = text;
  const n = text.length;
  const { headEnd, tailStart } = windows(n, cfg);
  const long = tailStart < n;
  const scanned = Math.max(1, headEnd + (n - tailStart));
  const scale = n / scanned;

  let words = 0, numbers = 0, digits = 0, latex = 0, mathOps = 0, code = 0, qmarks = 0;
  let capitalized = 0, wordChars = 0, longWords = 0, blanks = 0, quotes = 0;
  let commaItems = 0, commaSingleWordItems = 0, itemWords = 0;
  let prev = 0, havePrev = false, first = '', lastStart = 0, lastEnd = 0;
  const useHash = cfg.hashed, useBigrams = cfg.bigrams;
  const hashed: number[] = [];

  let i = 0;
  while (i < n) {
    if (i === headEnd) {
      i = tailStart; // the gap between the windows breaks words, bigrams and list items
      havePrev = false;
      itemWords = 0;
      if (i >= n) break;
    }
    const limit = i < headEnd ? headEnd : n;
    const c = w.charCodeAt(i);
    const cls = classOf(c);
    if (cls === WORD) {
      const start = i;
      let h = 0x811c9dc5;
      let allDigits = true;
      const cap = isUpper(c);
      while (i < limit) {
        let d = w.charCodeAt(i);
        if (classOf(d) !== WORD) break;
        if (isDigit(d)) {
          digits++;
          d = 48; // numbers hash by shape (digit count), not value: "17" and "42" are one signal
        } else {
          allDigits = false;
          if (isUpper(d)) d += 32;
        }
        if (useHash) h = Math.imul(h ^ d, 0x01000193);
        i++;
      }
      const len = i - start;
      words++;
      itemWords++;
      wordChars += len;
      if (len >= 10) longWords++;
      if (allDigits) numbers++;
      if (cap && words > 1) {
        const before = w.charCodeAt(start - 2);
        if (before !== 46 && before !== 63 && before !== 33 && w.charCodeAt(start - 1) !== 10) capitalized++;
      }
      if (useHash) {
        const tok = mix32(h);
        hashed.push(tok);
        if (useBigrams && havePrev) hashed.push(mix32(Math.imul(prev ^ BIGRAM_SEED, 0x01000193) ^ tok));
        prev = tok;
        havePrev = true;
        if (words === 1) first = w.slice(start, i).toLowerCase();
      }
      lastStart = start;
      lastEnd = i;
      continue;
    }
    if (cls === SYMBOL) {
      if (useHash) hashed.push(mix32(Math.imul(0x811c9dc5 ^ c, 0x01000193) ^ 0x5bd1e995));
      if (c === 36 || c === 92) latex++;
      else if (c === 61 || c === 43 || c === 94 || c === 42 || c === 60 || c === 62) mathOps++;
      else if (c === 95) blanks++;
      if (c === 123 || c === 125 || c === 59 || c === 35 || c === 96) code++;
      havePrev = false;
    } else if (c === 63) qmarks++;
    else if (c === 34 || c === 8220 || c === 8221) quotes++;
    else if (c === 44 || c === 10) {
      commaItems++;
      if (itemWords === 1) commaSingleWordItems++;
      itemWords = 0;
    }
    if (c === 10 && w.charCodeAt(i + 1) === 32 && w.charCodeAt(i + 2) === 32) code++;
    if (c !== 32 && c !== 39 && c !== 45) havePrev = false;
    i++;
  }
  if (itemWords === 1) commaSingleWordItems++;
  commaItems++;

  const chars = scanned;
  let end = text.length - 1, begin = 0;
  while (end >= 0 && isSpace(text.charCodeAt(end))) end--;
  while (begin < text.length && isSpace(text.charCodeAt(begin))) begin++;
  const lo = { lines: 1, options: 0, expected: 65 };
  linesAndOptions(text, 0, headEnd, lo);
  if (long) linesAndOptions(text, tailStart, n, lo);
  const { lines, options } = lo;
  const markup = mathsMarkup(text, headEnd, tailStart);
  const dense = [
    logChars(text),
    Math.log1p(words * scale) / 8,
    Math.log1p(lines * scale) / 5,
    Math.min(options, 12) / 10,
    options >= 2 ? 1 : 0,
    digits / chars * 5,
    Math.log1p(numbers) / 5,
    Math.log1p(latex) / 4,
    Math.log1p(mathOps) / 4,
    Math.log1p(code) / 4,
    Math.log1p(qmarks) / 2,
    text.charCodeAt(end) === 63 ? 1 : 0,
    isLower(text.charCodeAt(begin)) ? 1 : 0,
    commaItems >= 5 ? commaSingleWordItems / commaItems : 0,
    words > 1 ? capitalized / (words - 1) : 0,
    words ? wordChars / words / 10 : 0,
    words ? longWords / words * 5 : 0,
    blanks ? 1 : 0,
    Math.log1p(quotes) / 2,
    Math.log1p(markup) / 4,
    complexityCore(n, markup),
    complexityPrior(n, markup, isLower(text.charCodeAt(begin))),
    1,
  ];
  for (let k = 0; k < DENSE; k++) if (dense[k] !== 0) push(out, k, dense[k]);
  if (!cfg.hashed) return;

  // Cue tokens: first word (task verb or wh-word), last word, length and option buckets.
  const cues: string[] = [
    `len:${Math.min(16, Math.round(Math.log2(1 + text.length)))}`,
    `opts:${Math.min(options, 11)}`,
  ];
  if (WH_WORDS.has(first)) cues.push(`first:${first}`);
  if (lastEnd > lastStart) cues.push(`last:${w.slice(lastStart, lastEnd).toLowerCase()}`);
  for (const cue of cues) push(out, DENSE + (hashString(cue) & mask), 1);

  // Hashed n-grams, scaled so a prompt's hashed part has roughly unit norm whatever its length.
  const weight = hashed.length ? 1 / Math.sqrt(hashed.length) : 0;
  for (const h of hashed) push(out, DENSE + (h & mask), weight);
}

export function dimension(cfg: FeatureConfig): number {
  return DENSE + (cfg.hashed ? 1 << cfg.hashBits : 0);
}
