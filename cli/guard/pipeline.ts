// The guard training pipeline: labels per head, leave-source-out folds, out-of-fold scores,
// calibration and thresholds from out-of-fold scores, quantization.
//
// Out-of-fold scores come from models that never saw the row's source family (nor any generated
// row built from that family), so the thresholds and Platt parameters stored in the artifact
// reflect text from unseen sources, not the training fit.

import { HEADS, type Head } from '../../src/classifier/artifact';
import { familyOf, HEAD_CATEGORIES, isBenign, isOrdinary, isRedistributable, type GuardRow } from './data';
import type { InstanceStore } from './instances';
import { fitPlatt, thresholdAtFpr, thresholdAtRecall } from './metrics';
import { predict, train, type LinearModel, type TrainOptions } from './trainer';

const H = HEADS.length;

export interface PipelineOptions {
  train: TrainOptions;
  /** Number of leave-source-out folds, or 0 for one fold per family (true leave-one-source-out). */
  folds: number;
  /** Train on every license (experiments only: such models must not ship). */
  allLicenses: boolean;
  /** Weight of other attack categories as negatives of a head (0 = not used by that head). */
  crossNegative: number;
  /** Training rows kept per source (a deterministic sample); large repetitive sources dominate less. */
  maxPerSource: number;
  /** Weight of a benign twin (GuardRow.mirrors) relative to one attack row of the head it mirrors. */
  mirrorWeight: number;
  /**
   * Sources of ordinary benign requests that the harmful head weighs like its twins (one harmful
   * row each, times `mirrorWeight`); to the other heads they stay ordinary benign rows. See
   * REQUEST_PARITY in build.ts for why.
   */
  requestParity?: readonly string[];
  /**
   * Heads whose classes are also balanced within each band of text length (powers of two of its
   * characters), so the head's size offsets cannot learn that a length is a sign of its class
   * (models/guard.md, "Length-balanced classes").
   */
  lengthBalanced?: readonly Head[];
  /** A band is balanced only when each class has at least this many rows in it; others keep their weights. */
  lengthBalanceMin?: number;
}

/** The generated test sets (look-alikes, ordinary chat): scored like held-out sources, never trained on. */
export function isHeldOutTest(row: GuardRow): boolean {
  return row.source === 'gen/lookalike-test' || row.source === 'gen/ordinary-test';
}

/** Pool rows and the look-alike test set are evaluated out of fold; other generated rows only train. */
function evaluated(row: GuardRow): boolean {
  return !row.source.startsWith('gen/') || isHeldOutTest(row);
}

/** Whether a row may be used for training at all (license, and not a held-out test set). */
export function trainable(row: GuardRow, allLicenses: boolean): boolean {
  if (isHeldOutTest(row)) return false;
  return allLicenses || isRedistributable(row.license);
}

/** A deterministic subset of `candidates` with at most `max` rows per source. */
export function capPerSource(rows: GuardRow[], candidates: number[], max: number): number[] {
  const bySource = new Map<string, number[]>();
  for (const r of candidates) {
    const list = bySource.get(rows[r].source) ?? [];
    list.push(r);
    bySource.set(rows[r].source, list);
  }
  const out: number[] = [];
  for (const list of bySource.values()) {
    if (list.length <= max) out.push(...list);
    // Every k-th row: deterministic, spread over the file's order.
    else for (let i = 0; i < max; i++) out.push(list[Math.floor((i * list.length) / max)]);
  }
  return out.sort((a, b) => a - b);
}

/** Families a row depends on: its own, plus the families of material it reuses. */
export function dependsOn(row: GuardRow): string[] {
  return [familyOf(row.source), ...(row.parts ?? [])];
}

/**
 * Heads that also learn from the twins of other heads' attacks, as ordinary benign rows. Twins are
 * requests to a model; the injection and jailbreak heads judge requests, and their look-alike
 * false positives fell with twins among their negatives (jailbreak 6.4–6.9% → 5.3–5.9%, leave-source-out).
 * The toxic head judges comments, mostly tweets: thousands more benign requests taught it that
 * not being a request is a sign of toxicity (held-out Davidson AUC 0.856 → 0.849).
 */
const TWIN_NEGATIVE_HEADS: readonly Head[] = ['prompt_injection', 'jailbreak'];

/** What labelMatrix reads of the pipeline options (each optional: 0, 1 and none by default). */
export type LabelOptions = Partial<Pick<PipelineOptions, 'crossNegative' | 'mirrorWeight' | 'requestParity' | 'lengthBalanced' | 'lengthBalanceMin'>>;

/**
 * 0/1 labels and class-balanced weights per head for the rows in `subset`. Benign rows that
 * mirror the head's attacks (GuardRow.mirrors) get the weight of one attack row, on top of the
 * balanced benign half: class balancing gives each attack row several times the weight of a
 * benign row, so with equal counts a frame shared by attacks and their twins would still lean
 * toward the attack class. Parity makes the shared words cancel; only the bias moves, and
 * calibration (fitted out of fold) absorbs that. To the other heads a twin is an ordinary benign row.
 */
export function labelMatrix(rows: GuardRow[], subset: Int32Array, opts: LabelOptions = {}): { labels: Uint8Array; weight: Float32Array } {
  const { crossNegative = 0, mirrorWeight = 1, requestParity = [], lengthBalanced = [], lengthBalanceMin = 0 } = opts;
  const labels = new Uint8Array(rows.length * H);
  const weight = new Float32Array(rows.length * H);
  const parity = new Set(requestParity);
  // Each row's length band, once for every head that balances by length.
  const bands = lengthBalanced.length > 0 ? new Uint8Array(rows.length) : undefined;
  if (bands) for (const r of subset) bands[r] = bandOf(rows[r].text);
  HEADS.forEach((head, h) => {
    const cats = HEAD_CATEGORIES[head];
    let pos = 0;
    let neg = 0;
    const twins: number[] = [];
    for (const r of subset) {
      const row = rows[r];
      if (head === 'harmful' && isBenign(row) && row.mirrors === undefined && parity.has(row.source)) twins.push(r);
      else if (cats.includes(row.category)) {
        labels[r * H + h] = 1;
        weight[r * H + h] = 1;
        pos++;
      } else if (isBenign(row) && row.mirrors !== undefined && row.mirrors !== head && !TWIN_NEGATIVE_HEADS.includes(head)) {
        // not used by this head (see TWIN_NEGATIVE_HEADS)
      } else if (isBenign(row) && row.mirrors === head) twins.push(r);
      else if (isBenign(row)) {
        weight[r * H + h] = 1;
        neg++;
      } else if (crossNegative > 0) {
        weight[r * H + h] = crossNegative;
        neg += crossNegative;
      }
    }
    // Each class carries half the total weight; the mean weight stays 1.
    const total = pos + neg;
    for (const r of subset) {
      const i = r * H + h;
      if (weight[i] === 0) continue;
      weight[i] *= labels[i] === 1 ? total / (2 * Math.max(1, pos)) : total / (2 * Math.max(1, neg));
    }
    for (const r of twins) weight[r * H + h] = mirrorWeight * (pos > 0 ? total / (2 * pos) : 1);
    if (bands && lengthBalanced.includes(head)) balanceLengths(bands, subset, labels, weight, h, lengthBalanceMin);
  });
  return { labels, weight };
}

/** Bands of text length: powers of two of the characters, the last one open-ended. */
const LENGTH_BANDS = 12;
const bandOf = (text: string): number => Math.min(LENGTH_BANDS - 1, Math.floor(Math.log2(Math.max(1, text.length))));

/**
 * Balances head h's classes within each length band: a band's positives and negatives are both
 * scaled to the geometric mean of their weight sums, then each class is scaled back to its total
 * weight. Bands where either class has fewer than `minRows` rows keep their weights: a handful of
 * short attacks would otherwise weigh as much as thousands of short benign messages.
 */
function balanceLengths(bands: Uint8Array, subset: Int32Array, labels: Uint8Array, weight: Float32Array, h: number, minRows: number): void {
  const sums = new Float64Array(LENGTH_BANDS * 2);
  const counts = new Int32Array(LENGTH_BANDS * 2);
  for (const r of subset) {
    const i = r * H + h;
    if (weight[i] === 0) continue;
    const k = bands[r] * 2 + labels[i];
    sums[k] += weight[i];
    counts[k]++;
  }
  const factor = new Float64Array(LENGTH_BANDS * 2).fill(1);
  for (let b = 0; b < LENGTH_BANDS; b++) {
    const [n, p] = [sums[b * 2], sums[b * 2 + 1]];
    if (counts[b * 2] >= Math.max(1, minRows) && counts[b * 2 + 1] >= Math.max(1, minRows)) {
      factor[b * 2] = Math.sqrt(p / n);
      factor[b * 2 + 1] = Math.sqrt(n / p);
    }
  }
  const before = [0, 0];
  const after = [0, 0];
  for (let b = 0; b < LENGTH_BANDS; b++)
    for (const y of [0, 1]) {
      before[y] += sums[b * 2 + y];
      after[y] += sums[b * 2 + y] * factor[b * 2 + y];
    }
  for (const r of subset) {
    const i = r * H + h;
    if (weight[i] > 0) weight[i] *= (factor[bands[r] * 2 + labels[i]] * before[labels[i]]) / after[labels[i]];
  }
}

/**
 * Assigns evaluated families to folds. Families with attack rows go round-robin by size (so each
 * head's sources spread over folds), benign-only families fill the folds with the fewest benign
 * rows: every fold then holds both unseen attacks and unseen benign text, scored by one model.
 * k = 0 gives one fold per family (true leave-one-source-out; some folds then lack benign rows).
 */
export function assignFolds(rows: GuardRow[], k: number): Map<string, number> {
  const attacks = new Map<string, number>();
  const benign = new Map<string, number>();
  for (const row of rows) {
    if (!evaluated(row) || isHeldOutTest(row)) continue;
    const f = familyOf(row.source);
    if (row.label === 1) attacks.set(f, (attacks.get(f) ?? 0) + 1);
    else benign.set(f, (benign.get(f) ?? 0) + 1);
  }
  const bySize = (m: Map<string, number>): string[] => [...m.keys()].sort((a, b) => m.get(b)! - m.get(a)! || a.localeCompare(b));
  const folds = new Map<string, number>();
  if (k <= 0) {
    [...new Set([...attacks.keys(), ...benign.keys()])].sort().forEach((f, i) => folds.set(f, i));
    return folds;
  }
  const load = new Array<number>(k).fill(0);
  bySize(attacks).forEach((f, i) => {
    folds.set(f, i % k);
    load[i % k] += benign.get(f) ?? 0;
  });
  for (const f of bySize(benign)) {
    if (folds.has(f)) continue;
    let best = 0;
    for (let i = 1; i < k; i++) if (load[i] < load[best]) best = i;
    folds.set(f, best);
    load[best] += benign.get(f)!;
  }
  return folds;
}

export interface Fold {
  held: string[];
  /** Rows scored by this fold's model: its held-out families plus the look-alike test set. */
  rows: Int32Array;
  /** Logits, H per entry of `rows`. */
  logits: Float64Array;
}

/** Leave-source-out: for each fold, train without its families (and what reuses them), score it. */
export function outOfFold(store: InstanceStore, rows: GuardRow[], opts: PipelineOptions, log: (msg: string) => void = () => {}): Fold[] {
  const folds = assignFolds(rows, opts.folds);
  const count = Math.max(...folds.values()) + 1;
  const out: Fold[] = [];
  for (let fold = 0; fold < count; fold++) {
    const held = new Set([...folds].filter(([, i]) => i === fold).map(([f]) => f));
    const test: number[] = [];
    const trainRows: number[] = [];
    rows.forEach((row, r) => {
      if (isHeldOutTest(row) || (evaluated(row) && held.has(familyOf(row.source)))) test.push(r);
      else if (trainable(row, opts.allLicenses) && !dependsOn(row).some((d) => held.has(d))) trainRows.push(r);
    });
    const subset = Int32Array.from(capPerSource(rows, trainRows, opts.maxPerSource));
    const { labels, weight } = labelMatrix(rows, subset, opts);
    const started = Date.now();
    const model = train(store, H, labels, weight, subset, opts.train);
    const testIdx = Int32Array.from(test);
    out.push({ held: [...held], rows: testIdx, logits: predict(store, model, testIdx) });
    log(`fold ${fold + 1}/${count}: held out ${[...held].join(', ')}; trained on ${subset.length} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return out;
}

export function trainFinal(store: InstanceStore, rows: GuardRow[], opts: PipelineOptions): LinearModel {
  const subset = Int32Array.from(capPerSource(rows, rows.flatMap((row, r) => (trainable(row, opts.allLicenses) ? [r] : [])), opts.maxPerSource));
  const { labels, weight } = labelMatrix(rows, subset, opts);
  return train(store, H, labels, weight, subset, opts.train);
}

export interface Calibration {
  platt: Array<{ a: number; b: number }>;
  /** Per head, named operating points as logits (before Platt). */
  logitThresholds: Record<Head, Record<string, number>>;
}

/**
 * Per head, from each fold's held-out rows (one model scores both classes): Platt parameters
 * (head positives vs ordinary benign, classes weighted equally, so p = 0.5 means even odds and
 * the heads share one scale) and logit thresholds at fixed false-positive rates on ordinary
 * benign prompts, plus the 95%-recall "clear" point (averaged over folds, weighted by how many
 * rows each fold contributed).
 */
export function calibrate(rows: GuardRow[], folds: Fold[]): Calibration {
  const platt: Array<{ a: number; b: number }> = [];
  const logitThresholds = {} as Record<Head, Record<string, number>>;
  const points: Array<[string, (pos: number[], neg: number[]) => number, 'neg' | 'pos']> = [
    ['fpr_0_1pct', (_, neg) => thresholdAtFpr(neg, 0.001), 'neg'],
    ['fpr_1pct', (_, neg) => thresholdAtFpr(neg, 0.01), 'neg'],
    ['fpr_5pct', (_, neg) => thresholdAtFpr(neg, 0.05), 'neg'],
    ['recall_95pct', (pos) => thresholdAtRecall(pos, 0.95), 'pos'],
  ];
  HEADS.forEach((head, h) => {
    // Platt on all folds' held-out rows together: one model per fold, but all of the same recipe,
    // so the pooled logits are a sample of how the final model scores unseen sources. (Averaging
    // per-fold fits let folds with a handful of separable positives pull the slope and offset.)
    const zs: number[] = [];
    const ys: number[] = [];
    let npos = 0;
    const sums: Record<string, [number, number]> = {};
    for (const fold of folds) {
      const pos: number[] = [];
      const neg: number[] = [];
      fold.rows.forEach((r, i) => {
        const row = rows[r];
        if (isHeldOutTest(row)) return;
        if (HEAD_CATEGORIES[head].includes(row.category)) pos.push(fold.logits[i * H + h]);
        else if (isOrdinary(row)) neg.push(fold.logits[i * H + h]);
      });
      for (const z of pos) (zs.push(z), ys.push(1));
      for (const z of neg) (zs.push(z), ys.push(0));
      npos += pos.length;
      for (const [name, at, needs] of points) {
        const n = needs === 'neg' ? neg.length : pos.length;
        if (n < 20) continue;
        const t = at(pos, neg);
        const s = (sums[name] ??= [0, 0]);
        s[0] += t * n;
        s[1] += n;
      }
    }
    const nneg = ys.length - npos;
    const weights = ys.map((y) => (y === 1 ? ys.length / (2 * Math.max(1, npos)) : ys.length / (2 * Math.max(1, nneg))));
    platt.push(npos > 0 && nneg > 0 ? fitPlatt(zs, ys, weights) : { a: 1, b: 0 });
    logitThresholds[head] = Object.fromEntries(Object.entries(sums).map(([k, [t, n]]) => [k, t / n]));
  });
  return { platt, logitThresholds };
}

/** int8 weights with one scale per head, clipped at a high quantile so outliers do not crush resolution. */
export function quantize(model: LinearModel, clipQuantile = 0.99995): { weights: Int8Array; scale: number[] } {
  const { weights, heads } = model;
  const buckets = weights.length / heads;
  const out = new Int8Array(weights.length);
  const scale: number[] = [];
  for (let h = 0; h < heads; h++) {
    const mags = new Float32Array(buckets);
    for (let b = 0; b < buckets; b++) mags[b] = Math.abs(weights[b * heads + h]);
    mags.sort();
    const clip = mags[Math.min(buckets - 1, Math.floor(clipQuantile * buckets))] || 1e-6;
    const s = clip / 127;
    scale.push(s);
    for (let b = 0; b < buckets; b++) {
      const q = Math.round(weights[b * heads + h] / s);
      out[b * heads + h] = Math.max(-127, Math.min(127, q));
    }
  }
  return { weights: out, scale };
}
