// Inference: views → features → per-chunk integer sums → windows → calibrated probability.
// Sums of int8 weights are exact integers, so node and workerd compute bit-identical logits.

import { decodeArtifact, type ArtifactHeader, type Head, type HeadScores } from './artifact';
import { FeatureBuffer } from './features';
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

/** Max logit per head over all views and windows of `text`. */
export class LogitScorer {
  private readonly buf = new FeatureBuffer();
  private sums = new Int32Array(64);
  private prefix = new Int32Array(64);
  private readonly best: Float64Array;

  constructor(
    private readonly header: ArtifactHeader,
    private readonly weights: Int8Array,
  ) {
    this.best = new Float64Array(header.heads.length);
  }

  logits(text: string): Float64Array {
    const { features: s, limits, alpha, beta } = this.header;
    const H = this.header.heads.length;
    const best = this.best.fill(-Infinity);
    forEachView(text, s, limits, this.buf, () => {
      const { ids, chunkEnds } = this.buf;
      const chunks = chunkEnds.length;
      // One row per chunk: H head sums then the feature count.
      const stride = H + 1;
      if (this.sums.length < chunks * stride) this.sums = new Int32Array(chunks * stride * 2);
      const sums = this.sums.fill(0, 0, chunks * stride);
      const w = this.weights;
      let start = 0;
      for (let k = 0; k < chunks; k++) {
        const end = chunkEnds[k];
        const row = k * stride;
        if (H === 4) {
          // The common case, unrolled: four adjacent int8 loads per feature.
          let a = 0, b = 0, c = 0, d = 0;
          for (let i = start; i < end; i++) {
            const o = ids[i] << 2;
            a += w[o];
            b += w[o + 1];
            c += w[o + 2];
            d += w[o + 3];
          }
          sums[row] = a;
          sums[row + 1] = b;
          sums[row + 2] = c;
          sums[row + 3] = d;
        } else {
          for (let i = start; i < end; i++) for (let h = 0; h < H; h++) sums[row + h] += w[ids[i] * H + h];
        }
        sums[row + H] = end - start;
        start = end;
      }
      // Prefix sums over chunks (row k+1 = sums of chunks 0..k), then every window is a difference.
      if (this.prefix.length < (chunks + 1) * stride) this.prefix = new Int32Array((chunks + 1) * stride * 2);
      const prefix = this.prefix;
      prefix.fill(0, 0, stride);
      for (let k = 0; k < chunks; k++) for (let j = 0; j < stride; j++) prefix[(k + 1) * stride + j] = prefix[k * stride + j] + sums[k * stride + j];
      forEachWindow(chunks, s.windows, (first, end) => {
        const a = first * stride;
        const b = end * stride;
        const n = prefix[b + H] - prefix[a + H];
        // No features (an empty text): nothing to flag; the bias alone means nothing.
        if (n === 0) return;
        const norm = lengthNorm(n, s.lengthPower);
        for (let h = 0; h < H; h++) {
          const z = (alpha[h] * (prefix[b + h] - prefix[a + h])) / norm + beta[h];
          if (z > best[h]) best[h] = z;
        }
      });
    });
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
