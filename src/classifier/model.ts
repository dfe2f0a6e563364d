// Inference: views → features → per-chunk integer sums → windows → calibrated probability.
// Sums of int8 weights are exact integers, so node and workerd compute bit-identical logits.

import { decodeArtifact, offsetAt, offsetPosition, type ArtifactHeader, type Head, type HeadScores } from './artifact';
import { FeatureBuffer, type FeatureSettings } from './features';
import { forEachView, forEachWindow } from './windows';

export interface GuardModelInfo {
  name: string;
  version: string;
  hash: string;
  heads: Head[];
}

export interface GuardModel {
  /** Calibrated probability per head (max over views and windows). */
  score(text: string): HeadScores;
  /** Per head: named operating points (fpr_1pct, fpr_0_1pct, …) → probability threshold. */
  thresholds: Record<Head, Record<string, number>>;
  info: GuardModelInfo;
}

/**
 * n^power for power in quarters (0.25, 0.5, 0.75, 1), from square roots only: IEEE 754 rounds
 * sqrt exactly, so node and workerd agree to the last bit (Math.pow differs between V8 versions).
 */
export function lengthNorm(n: number, power: number): number {
  const r2 = Math.sqrt(n);
  const r4 = Math.sqrt(r2);
  if (power === 0.5) return r2;
  if (power === 0.75) return r2 * r4;
  if (power === 1) return n;
  if (power === 0.25) return r4;
  throw new Error(`guard model: unsupported lengthPower ${power} (use 0.25, 0.5, 0.75 or 1)`);
}

// exp from basic operations only (Math.exp's last bit differs between V8 versions, so node and
// workerd would disagree): e^x = 2^k · e^r with |r| ≤ ln2/2, e^r by its Taylor series to r^13
// (truncation error below 1e-16 relative), 2^k built exactly in the exponent bits.
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const pow2 = new Float64Array(1);
const pow2Bits = new Int32Array(pow2.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: high word second

function exactExp(x: number): number {
  if (x > 700) return Infinity;
  if (x < -700) return 0;
  const k = Math.round(x / 0.6931471805599453);
  const r = x - k * LN2_HI - k * LN2_LO;
  let term = 1;
  let sum = 1;
  for (let i = 1; i <= 13; i++) {
    term = (term * r) / i;
    sum += term;
  }
  pow2Bits[HIGH] = (k + 1023) << 20;
  pow2Bits[1 - HIGH] = 0;
  return sum * pow2[0];
}

function sigmoid(z: number): number {
  return 1 / (1 + exactExp(-z));
}

/** The divisor of a window's weight sum: its feature count, floored at `minFeatures`, to the `lengthPower`. */
export function windowNorm(n: number, s: Pick<FeatureSettings, 'lengthPower' | 'minFeatures'>): number {
  return lengthNorm(Math.max(n, s.minFeatures ?? 0), s.lengthPower);
}

/** Whether the host stores the low byte first: the four-heads-per-load layout relies on it. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The int8 weights of four heads viewed as one int32 per bucket (copied if misaligned). */
function packed(weights: Int8Array): Int32Array {
  const aligned = weights.byteOffset % 4 === 0 ? weights : new Int8Array(weights);
  return new Int32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4);
}

/** Max logit per head over all views and windows of `text`. */
export class LogitScorer {
  private readonly buf = new FeatureBuffer();
  private prefix = new Int32Array(64);
  private readonly best: Float64Array;
  /** Four heads in one load per feature (the shipped layout), when the host is little-endian. */
  private readonly packed?: Int32Array;

  /** `local`: read a long text's leet view only around the folded words (same result; `forEachView`). */
  constructor(
    private readonly header: ArtifactHeader,
    private readonly weights: Int8Array,
    private readonly local = true,
  ) {
    this.best = new Float64Array(header.heads.length);
    if (header.heads.length === 4 && LITTLE_ENDIAN) this.packed = packed(weights);
  }

  logits(text: string): Float64Array {
    const { features: s, limits, alpha, beta, gamma } = this.header;
    const H = this.header.heads.length;
    const best = this.best.fill(-Infinity);
    forEachView(text, s, limits, this.buf, () => {
      const { ids, chunkEnds } = this.buf;
      const chunks = chunkEnds.length;
      // Prefix sums over chunks: row k holds the head sums and feature count of chunks 0..k-1,
      // so every window is a difference of two rows.
      const stride = H + 1;
      if (this.prefix.length < (chunks + 1) * stride) this.prefix = new Int32Array((chunks + 1) * stride * 2);
      const prefix = this.prefix.fill(0, 0, stride);
      const p = this.packed;
      const w = this.weights;
      const signed = s.signed === true;
      const smooth = s.smoothLength === true;
      let start = 0;
      for (let k = 0; k < chunks; k++) {
        const end = chunkEnds[k];
        const prev = k * stride;
        const row = prev + stride;
        if (p !== undefined && signed) {
          // Bytes of a bucket are heads 0..3 from the low byte up; sign-extend each. A negative
          // feature xors the word with all ones, turning each byte b into -b - 1; `neg` adds the 1s back.
          let a = 0, b = 0, c = 0, d = 0, neg = 0;
          for (let i = start; i < end; i++) {
            const id = ids[i];
            const v = p[id >>> 1] ^ -(id & 1);
            a += (v << 24) >> 24;
            b += (v << 16) >> 24;
            c += (v << 8) >> 24;
            d += v >> 24;
            neg += id & 1;
          }
          prefix[row] = prefix[prev] + a + neg;
          prefix[row + 1] = prefix[prev + 1] + b + neg;
          prefix[row + 2] = prefix[prev + 2] + c + neg;
          prefix[row + 3] = prefix[prev + 3] + d + neg;
        } else if (p !== undefined) {
          let a = 0, b = 0, c = 0, d = 0;
          for (let i = start; i < end; i++) {
            const v = p[ids[i]];
            a += (v << 24) >> 24;
            b += (v << 16) >> 24;
            c += (v << 8) >> 24;
            d += v >> 24;
          }
          prefix[row] = prefix[prev] + a;
          prefix[row + 1] = prefix[prev + 1] + b;
          prefix[row + 2] = prefix[prev + 2] + c;
          prefix[row + 3] = prefix[prev + 3] + d;
        } else {
          for (let h = 0; h < H; h++) prefix[row + h] = prefix[prev + h];
          for (let i = start; i < end; i++) {
            const id = ids[i];
            const sign = signed ? 1 - 2 * (id & 1) : 1;
            const o = (signed ? id >>> 1 : id) * H;
            for (let h = 0; h < H; h++) prefix[row + h] += sign * w[o + h];
          }
        }
        prefix[row + H] = prefix[prev + H] + end - start;
        start = end;
      }
      const region = this.buf.region;
      forEachWindow(chunks, s.windows, (first, end) => {
        const a = first * stride;
        const b = end * stride;
        const n = prefix[b + H] - prefix[a + H];
        // No features (an empty text): nothing to flag; the bias alone means nothing.
        if (n === 0) return;
        const norm = windowNorm(n, s);
        const pos = offsetPosition(n, smooth);
        for (let h = 0; h < H; h++) {
          const z = (alpha[h] * (prefix[b + h] - prefix[a + h])) / norm + beta[h] + (gamma !== undefined ? offsetAt(gamma[h], 0, pos) : 0);
          if (z > best[h]) best[h] = z;
        }
      }, region);
    }, this.local);
    return best;
  }
}

export function loadGuardModel(bytes: Uint8Array): GuardModel {
  const { header, weights } = decodeArtifact(bytes);
  const scorer = new LogitScorer(header, weights);
  return {
    score(text: string): HeadScores {
      const z = scorer.logits(text);
      const out = {} as HeadScores;
      header.heads.forEach((head, h) => (out[head] = sigmoid(z[h])));
      return out;
    },
    thresholds: header.thresholds,
    info: { name: header.name, version: header.version, hash: header.hash, heads: [...header.heads] },
  };
}
