// Multi-head logistic regression over hashed features, trained with AdaGrad.
//
// The runtime scores a text by the max logit over its instances (views × windows). Training
// optimizes that same max-pooled model: for every row and head, the gradient goes to the
// instance with the highest logit (multiple-instance learning). For a positive this is the
// window holding the injection; for a negative it is the window most likely to cause a false
// positive. Short texts have one instance and this is plain logistic regression.

import { LENGTH_BUCKETS, offsetAt, offsetPosition } from '../../src/classifier/artifact';
import { windowNorm } from '../../src/classifier/model';
import { forEachWindow } from '../../src/classifier/windows';
import { mix32, mulberry32 } from '../../src/util/random';
import type { InstanceStore } from './instances';

export interface TrainOptions {
  epochs: number;
  /** AdaGrad base learning rate. */
  learningRate: number;
  /** L2 penalty, applied to the coordinates an update touches: one value, or one per head. */
  l2: number | number[];
  seed: number;
}

// Per head (injection, jailbreak, harmful, toxic): jailbreak and toxic generalize better to
// held-out sources with stronger shrinkage. Harmful moved from 1e-4 to 3e-4 once its benign
// requests used a large everyday vocabulary, and to 1e-3 with request parity (leave-source-out,
// 5 folds: AUC 0.949 → 0.948, look-alike FPR 8.1% → 7.3%; models/guard.md, History).
export const DEFAULT_TRAIN: TrainOptions = { epochs: 6, learningRate: 0.08, l2: [1e-4, 1e-3, 1e-3, 1e-3], seed: 1 };

export interface LinearModel {
  heads: number;
  bits: number;
  /** Float weights, bucket-major: weights[bucket * heads + head]. */
  weights: Float32Array;
  bias: Float64Array;
  /** Offset per head and window-size bucket (head-major: h * LENGTH_BUCKETS + bucket). */
  lengthBias: Float64Array;
}

/** Per row and head: its best instance (view, first chunk, end chunk) and that logit. */
export class MaxScorer {
  private sums = new Float64Array(64 * 8);
  readonly best: Float64Array;
  readonly arg: Int32Array; // per head: view, first chunk, end chunk, n
  constructor(
    private readonly store: InstanceStore,
    private readonly model: LinearModel,
  ) {
    this.best = new Float64Array(model.heads);
    this.arg = new Int32Array(model.heads * 4);
  }

  /** Fills `best` (max logit per head) and `arg` for row r. */
  score(r: number): void {
    const { ids, chunkEnd, viewChunk, rowView, settings } = this.store;
    const { weights: w, bias, lengthBias, heads: H } = this.model;
    const sh = settings.signed ? 1 : 0; // signed hashing: the id's low bit is the feature's sign
    const smooth = settings.smoothLength === true;
    this.best.fill(-Infinity);
    for (let v = rowView[r]; v < rowView[r + 1]; v++) {
      const c0 = viewChunk[v];
      const chunks = viewChunk[v + 1] - c0;
      const stride = H + 1;
      if (this.sums.length < chunks * stride) this.sums = new Float64Array(chunks * stride * 2);
      const sums = this.sums;
      for (let k = 0; k < chunks; k++) {
        const start = c0 + k === 0 ? 0 : chunkEnd[c0 + k - 1];
        const end = chunkEnd[c0 + k];
        const row = k * stride;
        for (let h = 0; h < H; h++) sums[row + h] = 0;
        for (let i = start; i < end; i++) {
          const id = ids[i];
          const o = (id >>> sh) * H;
          if (sh === 1 && (id & 1) === 1) for (let h = 0; h < H; h++) sums[row + h] -= w[o + h];
          else for (let h = 0; h < H; h++) sums[row + h] += w[o + h];
        }
        sums[row + H] = end - start;
      }
      forEachWindow(chunks, settings.windows, (first, end) => {
        let n = 0;
        for (let k = first; k < end; k++) n += sums[k * stride + H];
        if (n === 0) return; // as at run time: a window without features is not scored
        const norm = 1 / windowNorm(n, settings);
        const pos = offsetPosition(n, smooth);
        for (let h = 0; h < H; h++) {
          let acc = 0;
          for (let k = first; k < end; k++) acc += sums[k * stride + h];
          const z = acc * norm + bias[h] + offsetAt(lengthBias, h * LENGTH_BUCKETS, pos);
          if (z > this.best[h]) {
            this.best[h] = z;
            this.arg[h * 4] = v;
            this.arg[h * 4 + 1] = c0 + first;
            this.arg[h * 4 + 2] = c0 + end;
            this.arg[h * 4 + 3] = n;
          }
        }
      });
    }
  }
}

/** Per row, a hash of its feature ids (its content as the model sees it). */
function contentKeys(store: InstanceStore, rows: Int32Array): Uint32Array {
  const out = new Uint32Array(store.rows);
  for (const r of rows) {
    const from = store.chunkEnd[store.viewChunk[store.rowView[r]] - 1] ?? 0;
    const to = store.chunkEnd[store.viewChunk[store.rowView[r + 1]] - 1] ?? 0;
    let h = 0x811c9dc5;
    for (let k = from; k < to; k++) h = Math.imul(h ^ store.ids[k], 0x01000193);
    out[r] = h >>> 0;
  }
  return out;
}

/**
 * Trains on the rows with a non-negative label weight. labels[r * H + h] is 0 or 1;
 * weight[r * H + h] is the row's weight for that head (0 = not used by that head).
 */
export function train(store: InstanceStore, heads: number, labels: Uint8Array, weight: Float32Array, rows: Int32Array, opts: TrainOptions = DEFAULT_TRAIN): LinearModel {
  const bits = store.settings.bits;
  const H = heads;
  const model: LinearModel = { heads: H, bits, weights: new Float32Array((1 << bits) * H), bias: new Float64Array(H), lengthBias: new Float64Array(H * LENGTH_BUCKETS) };
  const lengthG = new Float64Array(H * LENGTH_BUCKETS);
  const G = new Float32Array(model.weights.length);
  const biasG = new Float64Array(H);
  const scorer = new MaxScorer(store, model);
  const random = mulberry32(opts.seed);
  const order = Int32Array.from(rows);
  const { ids, chunkEnd } = store;
  const w = model.weights;
  const sh = store.settings.signed ? 1 : 0;
  const smooth = store.settings.smoothLength === true;
  const l2 = Array.from({ length: H }, (_, h) => (typeof opts.l2 === 'number' ? opts.l2 : opts.l2[h]));
  // One AdaGrad step on size offset b, shrunk toward zero like the weights (×100: a bucket with few examples stays near the global bias).
  const stepOffset = (b: number, grad: number, l2h: number): void => {
    const lg = grad + l2h * 100 * model.lengthBias[b];
    lengthG[b] += lg * lg;
    model.lengthBias[b] -= (opts.learningRate * lg) / Math.sqrt(lengthG[b] + 1e-8);
  };
  const content = contentKeys(store, rows);
  const key = new Uint32Array(store.rows);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    // Each epoch visits the rows in an order drawn from their content, not their positions: adding
    // rows (say, toxic ones) leaves every other row's relative order as it was, and a head's
    // weights only move on rows it uses, so data added for one head cannot move another head.
    const salt = Math.floor(random() * 0x100000000);
    for (const r of rows) key[r] = mix32(content[r] ^ salt);
    order.sort((a, b) => key[a] - key[b] || a - b);
    for (const r of order) {
      scorer.score(r);
      for (let h = 0; h < H; h++) {
        const rw = weight[r * H + h];
        if (rw === 0) continue;
        const z = scorer.best[h];
        if (z === -Infinity) continue; // no features at all
        const p = 1 / (1 + Math.exp(-z));
        const g = (p - labels[r * H + h]) * rw;
        if (g === 0) continue;
        biasG[h] += g * g;
        model.bias[h] -= (opts.learningRate * g) / Math.sqrt(biasG[h] + 1e-8);
        // Blended: each of the two offsets mixed gets the gradient in proportion to its share.
        const pos = offsetPosition(scorer.arg[h * 4 + 3], smooth);
        const k = Math.floor(pos);
        const t = pos - k;
        stepOffset(h * LENGTH_BUCKETS + k, g * (t === 0 ? 1 : 1 - t), l2[h]);
        if (t !== 0) stepOffset(h * LENGTH_BUCKETS + k + 1, g * t, l2[h]);
        const first = scorer.arg[h * 4 + 1];
        const end = scorer.arg[h * 4 + 2];
        const norm = 1 / windowNorm(scorer.arg[h * 4 + 3], store.settings);
        const gn = g * norm;
        const from = first === 0 ? 0 : chunkEnd[first - 1];
        const to = chunkEnd[end - 1];
        for (let k = from; k < to; k++) {
          const id = ids[k];
          const o = (id >>> sh) * H + h;
          const grad = (sh === 1 && (id & 1) === 1 ? -gn : gn) + l2[h] * w[o];
          G[o] += grad * grad;
          w[o] -= (opts.learningRate * grad) / Math.sqrt(G[o] + 1e-8);
        }
      }
    }
  }
  return model;
}

/** Max logit per head for each of `rows` (row-major, H per row). */
export function predict(store: InstanceStore, model: LinearModel, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * model.heads);
  const scorer = new MaxScorer(store, model);
  rows.forEach((r, i) => {
    scorer.score(r);
    out.set(scorer.best, i * model.heads);
  });
  return out;
}
