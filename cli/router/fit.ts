// Logistic regression over sparse features, trained by AdaGrad SGD. Deterministic: the
// only randomness is the example order, drawn from a seeded generator, and JavaScript float
// arithmetic is reproducible, so the same seed gives the same weights bit for bit.

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

/** mulberry32: a small, well-mixed seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
  const random = rng(opts.seed);
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
