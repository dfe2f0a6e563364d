// The router (the `complexity` head): the probability that a prompt needs the big model.
// Pure computation over the artifact's bytes: no Workers APIs, so the same code scores in the
// Worker, in training and in the CLI.
//
// Layout matters to the router (option lines, code indentation, capitalised names), so it
// featurizes the raw text rather than the guards' normalized view, which folds case and
// whitespace away.

import { decodeRouter, type OperatingPoint, type RouterHeader } from './artifact';
import { DENSE, DENSE_NAMES, featurize, sparseVector, type SparseVector } from './features';
import { priorFeatures } from './prior';

// Dense features the prior path computes without tokenizing (features.ts, priorFeatures).
const PRIOR_ONLY = new Set(['log_chars', 'maths_markup', 'prior_core', 'prior', 'bias']);
const at = (name: (typeof DENSE_NAMES)[number]) => DENSE_NAMES.indexOf(name);

export type { OperatingPoint, RouterHeader } from './artifact';
export { encodeRouter, decodeRouter } from './artifact';

export interface RouterInfo {
  name: string;
  version: string;
  /** SHA-256 of the artifact's content, as recorded when it was trained. */
  hash: string;
  /** Route to the big model when score ≥ this (the 50% big-share operating point). */
  defaultThreshold: number;
  /** Thresholds for a target share of big-model calls (on the training traffic mix). */
  thresholds: readonly OperatingPoint[];
}

export interface Router {
  readonly info: RouterInfo;
  /** Probability in [0,1] that the big model is needed for `text`. */
  score(text: string): number;
  /** The uncalibrated margin behind `score` (same order), for training and evaluation. */
  margin(text: string): number;
  /** The threshold giving about `bigShare` (0..1) of calls to the big model, interpolated. */
  thresholdFor(bigShare: number): number;
}

export function loadRouter(bytes: Uint8Array): Router {
  const { header, hashed } = decodeRouter(bytes);
  return new LinearRouter(header, hashed);
}

class LinearRouter implements Router {
  readonly info: RouterInfo;
  private readonly buffer: SparseVector = sparseVector();
  /** Only the prior's features carry weight: skip the tokenizer (two indexOf scans per prompt). */
  private readonly priorOnly: boolean;

  constructor(
    private readonly header: RouterHeader,
    private readonly hashed: Int8Array,
  ) {
    if (header.dense.length !== DENSE) throw new Error(`router: ${header.dense.length} dense weights, expected ${DENSE}`);
    this.priorOnly = !header.features.hashed && header.dense.every((w, j) => w === 0 || PRIOR_ONLY.has(DENSE_NAMES[j]));
    this.info = {
      name: header.name,
      version: header.version,
      hash: header.hash,
      defaultThreshold: header.defaultThreshold,
      thresholds: header.thresholds,
    };
  }

  margin(text: string): number {
    const { header, hashed, buffer } = this;
    if (this.priorOnly) {
      // Same values, rounding (featurize stores float32) and summation order as the sparse path.
      const f = priorFeatures(text, header.features);
      const d = header.dense;
      let z = d[at('log_chars')] * Math.fround(f.logChars);
      if (f.markup !== 0) z += d[at('maths_markup')] * Math.fround(f.markup);
      z += d[at('prior_core')] * Math.fround(f.core);
      if (f.prior !== 0) z += d[at('prior')] * Math.fround(f.prior);
      return z + d[at('bias')];
    }
    featurize(text, header.features, buffer);
    let z = 0;
    for (let k = 0; k < buffer.length; k++) {
      const j = buffer.index[k];
      z += (j < DENSE ? header.dense[j] : hashed[j - DENSE] * header.hashScale) * buffer.value[k];
    }
    return z;
  }

  score(text: string): number {
    const { a, b } = this.header.calibration;
    return 1 / (1 + Math.exp(-(a * this.margin(text) + b)));
  }

  thresholdFor(bigShare: number): number {
    const points = this.header.thresholds;
    if (!points.length) return this.header.defaultThreshold;
    if (bigShare <= points[0].bigShare) return points[0].threshold;
    for (let k = 1; k < points.length; k++) {
      const lo = points[k - 1], hi = points[k];
      if (bigShare <= hi.bigShare) {
        const t = (bigShare - lo.bigShare) / (hi.bigShare - lo.bigShare);
        return lo.threshold + t * (hi.threshold - lo.threshold);
      }
    }
    return points[points.length - 1].threshold;
  }
}
