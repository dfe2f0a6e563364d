// Logistic regression over sparse features, trained by AdaGrad SGD. Deterministic: the
// only randomness is the example order, drawn from a seeded generator, and JavaScript float
// arithmetic is reproducible, so the same seed gives the same weights bit for bit.

import { mulberry32 } from '../../src/util/random';

export interface Example {
  index: Int32Array;
  value: Float32Array;
  /** Target in [0,1] (a soft label is fine). */
  y: number;
  /** Example weight. */
  weight: number;
}

export interface FitOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per unit of example weight, applied to the coordinates an example touches. */
  l2: number;
  seed: number;
  /** Indices below this are exempt from L2 (e.g. the bias). */
  unpenalized?: Set<number>;
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function dot(weights: Float64Array | Float32Array, ex: { index: Int32Array; value: Float32Array }, length = ex.index.length): number {
  let z = 0;
  for (let k = 0; k < length; k++) z += weights[ex.index[k]] * ex.value[k];
  return z;
}

export function fitLogistic(examples: readonly Example[], dim: number, opts: FitOptions): Float64Array {
  const w = new Float64Array(dim);
  const g2 = new Float64Array(dim).fill(1e-8);
  const random = mulberry32(opts.seed);
  const order = examples.map((_, i) => i);
  const unpenalized = opts.unpenalized ?? new Set<number>();
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const ex = examples[i];
      const err = (sigmoid(dot(w, ex)) - ex.y) * ex.weight;
      for (let k = 0; k < ex.index.length; k++) {
        const j = ex.index[k];
        const grad = err * ex.value[k] + (unpenalized.has(j) ? 0 : opts.l2 * ex.weight * w[j]);
        g2[j] += grad * grad;
        w[j] -= (opts.learningRate * grad) / Math.sqrt(g2[j]);
      }
    }
  }
  return w;
}

/**
 * Weighted ridge regression of `y` on the features in `columns` (dense indices), solved in
 * closed form: deterministic, no learning rate, no epochs. Features are standardized inside
 * (so one penalty fits all), the intercept (`bias`) is not penalized, and the returned weights
 * apply to the raw feature values (standardization folded in). Only the columns listed get
 * weight; an example's other features are ignored.
 */
export function fitRidge(examples: readonly Example[], dim: number, columns: readonly number[], bias: number, lambda: number): Float64Array {
  const d = columns.length;
  const pos = new Map(columns.map((c, k) => [c, k]));
  const rows = examples.map((ex) => {
    const x = new Float64Array(d);
    for (let k = 0; k < ex.index.length; k++) {
      const p = pos.get(ex.index[k]);
      if (p !== undefined) x[p] = ex.value[k];
    }
    return x;
  });
  let total = 0;
  const mean = new Float64Array(d), sd = new Float64Array(d);
  examples.forEach((ex, i) => { total += ex.weight; for (let k = 0; k < d; k++) mean[k] += ex.weight * rows[i][k]; });
  for (let k = 0; k < d; k++) mean[k] /= total || 1;
  examples.forEach((ex, i) => { for (let k = 0; k < d; k++) sd[k] += ex.weight * (rows[i][k] - mean[k]) ** 2; });
  for (let k = 0; k < d; k++) sd[k] = Math.sqrt(sd[k] / (total || 1)) || 1;
  // Normal equations over [standardized features, 1], weights normalized to sum 1.
  const n = d + 1;
  const A = Array.from({ length: n }, () => new Float64Array(n));
  const b = new Float64Array(n);
  const z = new Float64Array(n);
  examples.forEach((ex, i) => {
    const w = ex.weight / (total || 1);
    for (let k = 0; k < d; k++) z[k] = (rows[i][k] - mean[k]) / sd[k];
    z[d] = 1;
    for (let r = 0; r < n; r++) {
      b[r] += w * z[r] * ex.y;
      for (let c = 0; c < n; c++) A[r][c] += w * z[r] * z[c];
    }
  });
  for (let k = 0; k < d; k++) A[k][k] += lambda;
  const beta = solve(A, b);
  const out = new Float64Array(dim);
  let intercept = beta[d];
  for (let k = 0; k < d; k++) {
    out[columns[k]] = beta[k] / sd[k];
    intercept -= (beta[k] * mean[k]) / sd[k];
  }
  out[bias] += intercept;
  return out;
}

/** Gaussian elimination with partial pivoting (small, symmetric positive definite systems). */
function solve(A: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const M = A.map((row, r) => Float64Array.from([...row, b[r]]));
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    const pivot = M[c][c] || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / pivot;
      if (f) for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / (M[r][r] || 1e-12);
  }
  return x;
}
