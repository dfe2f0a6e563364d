// Featurization: hashed character n-grams and word uni/bigrams over a normalized text, in one
// pass over its code units. Character n-grams carry most of the signal that transfers across
// sources (they survive typos, inflections, leftover obfuscation and other languages); word
// bigrams add phrase structure ("ignore previous", "kill process").
//
// Features are emitted as bucket ids into a reusable buffer together with chunk boundaries, so
// the runtime can score windows (sums over consecutive chunks) and training sees exactly the
// same ids: one code path, no train/serve skew.

import { LEXICON_CLASSES, lexicon } from './lexicon';

export interface FeatureSettings {
  /** log2 of the number of hash buckets. */
  bits: number;
  /**
   * Signed hashing (Weinberger et al. 2009, "Feature hashing for large scale multitask
   * learning"): each feature adds or subtracts its bucket's weight, by one more hash bit (the
   * id's lowest bit; the bucket is id >>> 1). Features that share a bucket then cancel instead of
   * pooling, so a text of unfamiliar words scores near the prior instead of drifting toward
   * whichever class dominates the buckets it lands in.
   */
  signed?: boolean;
  /** Character n-gram lengths, inclusive (1 ≤ charMin ≤ charMax ≤ 5; 0 and 0 for none). */
  charMin: number;
  charMax: number;
  /** Word unigrams and bigrams. */
  words: boolean;
  bigrams: boolean;
  /** Map every digit to '0' (numbers differ, their shape matters). */
  foldDigits: boolean;
  /** Words of a lexicon class (lexicon.ts) also emit the class's feature. */
  lexicon: boolean;
  /**
   * Chunk length in normalized characters. Windows are runs of consecutive chunks, at several
   * sizes (`windows`, in chunks, ascending): small windows keep a short injection from being
   * diluted by a long document, large ones see the context. The score is the max over all.
   */
  chunkChars: number;
  windows: number[];
  /** Exponent of the length normalization, z = w·x / n^lengthPower: 0.25, 0.5, 0.75 or 1. */
  lengthPower: number;
  /**
   * A window with fewer features is normalized as if it had this many, the rest weighing zero
   * (z = w·x / max(n, minFeatures)^lengthPower): a pseudo-count. A one-word message has two to ten
   * features, and one heavily weighted word ("no", "anything", "never" are in every DAN prompt)
   * would otherwise decide it alone; with less evidence than this the score stays nearer the
   * prior. Absent in artifacts from before it existed (then 0: no floor).
   */
  minFeatures?: number;
  /**
   * The per-size offset added to a window's logit (`gamma`, one per power of two of its feature
   * count) is interpolated linearly between powers of two, not a step at each: with steps, one
   * word more or less moved a text across a boundary and its score by up to 1 logit. Absent in
   * artifacts from before it existed (then steps).
   */
  smoothLength?: boolean;
}

export const DEFAULT_FEATURES: FeatureSettings = {
  bits: 18,
  signed: true,
  charMin: 4,
  charMax: 4,
  words: true,
  bigrams: true,
  foldDigits: true,
  lexicon: true,
  chunkChars: 128,
  windows: [2, 8],
  lengthPower: 0.75,
  minFeatures: 32,
  smoothLength: true,
};

const P = 0x01000193;
const P2 = Math.imul(P, P);
const P3 = Math.imul(P2, P);
const P4 = Math.imul(P3, P);
// Distinct seeds keep n-grams of different kinds from sharing buckets systematically. (As int32:
// the same bits modulo 2^32, so the hashes below never leave int32 arithmetic.)
const SEED = [0, 0x9e3779b9 | 0, 0x7f4a7c15 | 0, 0x3c6ef372 | 0, 0xdaa66d2b | 0, 0x78dde6e4 | 0] as const;
const SEED_WORD = 0x5bd1e995 | 0;
const SEED_BIGRAM = 0x27d4eb2f;
const SEED_CLASS = 0x165667b1;

/**
 * Bucket of a 32-bit n-gram hash: one xor-shift and one multiply, then the top `bits` bits
 * (multiplicative hashing). The polynomial hash already mixes the characters; this spreads it
 * over the buckets at a fraction of a full finalizer's cost (this runs ~3 times per character).
 */
function bucket(x: number, shift: number): number {
  return Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> shift;
}

/** Reusable feature buffer: ids of one text, and where each chunk ends in `ids`. */
export class FeatureBuffer {
  ids = new Int32Array(4096);
  length = 0;
  /** chunkEnds[k] = index in `ids` just past chunk k. */
  chunkEnds: number[] = [];
  /**
   * Set when the buffer holds a region of a longer text (`forEachView` with `local`): only windows
   * of chunks [lo, hi) are the text's own, and every window size slides (no whole-text window).
   */
  region: { lo: number; hi: number } | undefined;

  reset(): void {
    this.length = 0;
    this.chunkEnds.length = 0;
    this.region = undefined;
  }

  /** Makes room for `n` more ids (the featurizer reserves its worst case up front). */
  reserve(n: number): Int32Array {
    if (this.length + n > this.ids.length) {
      const grown = new Int32Array(Math.max(this.ids.length * 2, this.length + n));
      grown.set(this.ids.subarray(0, this.length));
      this.ids = grown;
    }
    return this.ids;
  }
}

// Word characters: ASCII letters and digits by table; above ASCII, anything but the no-break
// space and the general punctuation block (letters of every script, emoji).
const WORD_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD_ASCII[c] = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? 1 : 0;

export function isWordUnit(c: number): boolean {
  return c < 128 ? WORD_ASCII[c] === 1 : c !== 0xa0 && (c < 0x2000 || c > 0x206f);
}

/**
 * Appends the features of `text` (already normalized) to `out`, closing a chunk every
 * `chunkChars` characters. Returns the number of chunks.
 */
export function featurize(text: string, s: FeatureSettings, out: FeatureBuffer): number {
  const shift = 32 - s.bits - (s.signed ? 1 : 0);
  const { charMin, charMax, words, bigrams, foldDigits, chunkChars } = s;
  const lex = s.lexicon && words ? lexicon(foldDigits) : undefined;
  // Virtual padding: a space before and after the text, so first/last words have edge n-grams.
  const len = text.length + 2;
  // Worst case per position: one id per n-gram size, a word, a bigram, and (one word per two
  // positions at most) every lexicon class.
  const ids = out.reserve(len * (Math.max(0, charMax - charMin + 1) + 2 + (lex ? LEXICON_CLASSES.length : 0)));
  let n = out.length;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  let word = 0x811c9dc5;
  let wordLen = 0;
  let prevWord = 0;
  let hasPrev = false;
  let nextChunk = chunkChars;
  const g1 = charMin <= 1 && charMax >= 1;
  const g2 = charMin <= 2 && charMax >= 2;
  const g3 = charMin <= 3 && charMax >= 3;
  const g4 = charMin <= 4 && charMax >= 4;
  const g5 = charMin <= 5 && charMax >= 5;
  for (let i = 0; i < len; i++) {
    if (i === nextChunk) {
      out.chunkEnds.push(n);
      nextChunk += chunkChars;
    }
    let c = i === 0 || i === len - 1 ? 32 : text.charCodeAt(i - 1);
    if (c <= 57 && c >= 48 && foldDigits) c = 48;
    // Rolling polynomial hashes of the n-grams ending here: h_n = Σ c[i-k]·P^k. Every sum is
    // wrapped to int32 (`| 0`): bucket() reads its argument modulo 2^32 anyway, so the ids are the
    // same, and the arithmetic stays in int32 registers instead of overflowing into doubles.
    const h2 = (c + Math.imul(c1, P)) | 0;
    const h3 = (h2 + Math.imul(c2, P2)) | 0;
    const h4 = (h3 + Math.imul(c3, P3)) | 0;
    if (g1) ids[n++] = bucket((c + SEED[1]) | 0, shift);
    if (g2 && i >= 1) ids[n++] = bucket((h2 + SEED[2]) | 0, shift);
    if (g3 && i >= 2) ids[n++] = bucket((h3 + SEED[3]) | 0, shift);
    if (g4 && i >= 3) ids[n++] = bucket((h4 + SEED[4]) | 0, shift);
    if (g5 && i >= 4) ids[n++] = bucket((h4 + Math.imul(c4, P4) + SEED[5]) | 0, shift);
    c4 = c3;
    c3 = c2;
    c2 = c1;
    c1 = c;
    if (!words) continue;
    if (isWordUnit(c)) {
      word = Math.imul(word ^ c, P);
      wordLen++;
    } else if (wordLen > 0) {
      ids[n++] = bucket((word + SEED_WORD) | 0, shift);
      if (bigrams && hasPrev) ids[n++] = bucket((Math.imul(prevWord, P3) + word + SEED_BIGRAM) | 0, shift);
      if (lex !== undefined) {
        for (let m = lex.classes(word), bit = 0; m !== 0; m >>>= 1, bit++) if (m & 1) ids[n++] = bucket((Math.imul(bit + 1, P2) + SEED_CLASS) | 0, shift);
      }
      prevWord = word;
      hasPrev = true;
      word = 0x811c9dc5;
      wordLen = 0;
    }
  }
  out.length = n;
  out.chunkEnds.push(n);
  return out.chunkEnds.length;
}
