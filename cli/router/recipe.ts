// How a router is trained from routing rows: the recipe (features, target, weighting) and
// `fitRouter`, which turns rows into artifact bytes. train.ts ships one recipe; heldout.ts
// measures every recipe with this same function, so the numbers are the shipped recipe's.
import { createHash } from 'node:crypto';
import { encodeRouter, loadRouter, type OperatingPoint, type RouterHeader } from '../../src/classifier/router/index';
import { DENSE, DENSE_NAMES, DEFAULT_FEATURES, dimension, featurize, sparseVector, type FeatureConfig } from '../../src/classifier/router/features';
import { subSource, needsBig, type RoutingRow } from './data';
import { pairOf } from './folds';
import { fitLogistic, sigmoid, type Example } from './fit';

export type DenseName = (typeof DENSE_NAMES)[number];

export interface Recipe {
  name: string;
  features: FeatureConfig;
  /** Dense features the model may use; the others keep weight 0. */
  dense: readonly DenseName[];
  /**
   * `gain`: soft label (q_strong − q_weak + 1)/2, so the margin ranks by expected gain of the
   * big model (the order that maximizes APGR); `need`: the 0/1 label q_strong > q_weak.
   * Either way the margin is then calibrated to P(q_strong > q_weak).
   */
  target: 'gain' | 'need';
  /** Weight every (sub-source, model pair) cell equally, so no single benchmark dominates. */
  balance: boolean;
  l2: number;
  epochs: number;
  learningRate: number;
}

const ALL_DENSE = DENSE_NAMES.filter((n) => n !== 'bias');
const SHAPE: DenseName[] = ['log_chars', 'log_words', 'log_lines', 'options', 'has_options', 'latex', 'math_ops', 'code',
  'question_marks', 'ends_question', 'digit_share', 'word_list', 'starts_lower', 'blank'];
const common = { l2: 1e-3, epochs: 4, learningRate: 0.05 };

export const RECIPES: Record<string, Recipe> = {
  /** Prompt length only (log characters), calibrated. */
  length: { name: 'length', features: { ...DEFAULT_FEATURES, hashed: false }, dense: ['log_chars'], target: 'gain', balance: true, ...common },
  /** Length plus shape cues: options, maths, code, question form, word lists. */
  shape: { name: 'shape', features: { ...DEFAULT_FEATURES, hashed: false }, dense: SHAPE, target: 'gain', balance: true, ...common },
  /** Everything: dense signals, hashed word 1–2-grams and cue tokens. */
  full: { name: 'full', features: DEFAULT_FEATURES, dense: ALL_DENSE, target: 'gain', balance: true, ...common, l2: 1e-4 },
  /** The plain hashed n-gram router (a baseline): n-grams only, 0/1 target. */
  ngram: { name: 'ngram', features: DEFAULT_FEATURES, dense: [], target: 'need', balance: false, ...common, l2: 1e-4 },
};

/** Operating points stored in the artifact (share of prompts sent to the big model). */
export const BIG_SHARES = [0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9];

type Features = { index: Int32Array; value: Float32Array };

function featuresOf(rows: readonly RoutingRow[], recipe: Recipe): Map<string, Features> {
  const allowed = new Set<number>([DENSE_NAMES.indexOf('bias'), ...recipe.dense.map((n) => DENSE_NAMES.indexOf(n))]);
  const buffer = sparseVector();
  const out = new Map<string, Features>();
  for (const r of rows) {
    if (out.has(r.text)) continue;
    featurize(r.text, recipe.features, buffer);
    const index: number[] = [], value: number[] = [];
    for (let k = 0; k < buffer.length; k++) {
      const j = buffer.index[k];
      if (j >= DENSE || allowed.has(j)) { index.push(j); value.push(buffer.value[k]); }
    }
    out.set(r.text, { index: Int32Array.from(index), value: Float32Array.from(value) });
  }
  return out;
}

function examples(rows: readonly RoutingRow[], recipe: Recipe, features: Map<string, Features>): Example[] {
  const cell = (r: RoutingRow) => `${subSource(r)}\u0000${pairOf(r)}`;
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(cell(r), (counts.get(cell(r)) ?? 0) + 1);
  return rows.map((r) => ({
    ...features.get(r.text)!,
    y: recipe.target === 'gain' ? (r.q_strong - r.q_weak + 1) / 2 : +needsBig(r),
    weight: recipe.balance ? rows.length / counts.size / counts.get(cell(r))! : 1,
  }));
}

/** Weights → artifact, with `calibration` and `thresholds` as given. */
function artifact(recipe: Recipe, w: Float64Array, calibration: RouterHeader['calibration'], thresholds: OperatingPoint[], version: string): Uint8Array {
  const dense = Array.from(w.subarray(0, DENSE));
  const hashedFloat = w.subarray(DENSE);
  let max = 0;
  for (const v of hashedFloat) max = Math.max(max, Math.abs(v));
  const hashScale = max > 0 ? max / 127 : 1;
  const hashed = Int8Array.from(hashedFloat, (v) => Math.round(v / hashScale));
  const defaultThreshold = thresholds.find((t) => t.bigShare === 0.5)?.threshold ?? 0.5;
  const header: RouterHeader = {
    format: 1, name: `router-${recipe.name}`, version, features: recipe.features, dense, hashScale,
    calibration, thresholds, defaultThreshold, hash: '',
  };
  header.hash = createHash('sha256').update(JSON.stringify(header)).update(hashed).digest('hex');
  return encodeRouter(header, hashed);
}

/** Platt scaling: fit σ(a·z + b) to 0/1 labels by Newton's method (a, b ≥ deterministic). */
export function platt(z: readonly number[], y: readonly boolean[]): { a: number; b: number } {
  let a = 1, b = 0;
  for (let it = 0; it < 50; it++) {
    let ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
    for (let i = 0; i < z.length; i++) {
      const p = sigmoid(a * z[i] + b);
      const e = p - (y[i] ? 1 : 0), s = p * (1 - p);
      ga += e * z[i]; gb += e;
      haa += s * z[i] * z[i]; hab += s * z[i]; hbb += s;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
    a -= da; b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

/** Thresholds giving each big-model share on these prompts (unique texts). */
function operatingPoints(scores: number[]): OperatingPoint[] {
  const sorted = [...scores].sort((x, y) => y - x);
  return BIG_SHARES.map((bigShare) => ({ bigShare, threshold: sorted[Math.min(sorted.length - 1, Math.floor(bigShare * sorted.length))] ?? 0.5 }));
}

export interface FitOptions {
  seed: number;
  version?: string;
  /** Folds for out-of-fold calibration margins of hashed models (≥ 2), or 0 for in-sample. */
  calibrationFolds?: number;
}

export function fitRouter(rows: readonly RoutingRow[], recipe: Recipe, opts: FitOptions): Uint8Array {
  if (!rows.length) throw new Error('fitRouter: no rows');
  const version = opts.version ?? '1';
  const features = featuresOf(rows, recipe);
  const dim = dimension(recipe.features);
  const unpenalized = new Set([DENSE_NAMES.indexOf('bias')]);
  const train = (subset: readonly RoutingRow[]) => fitLogistic(examples(subset, recipe, features), dim, { epochs: recipe.epochs, learningRate: recipe.learningRate, l2: recipe.l2, seed: opts.seed, unpenalized });
  const identity = { a: 1, b: 0 };

  // Calibration margins: a dense model has a handful of weights and cannot memorize, so its own
  // margins are fine; a hashed model memorizes training prompts, so its margins come from K
  // models that did not see the prompt (folds by prompt).
  const k = recipe.features.hashed ? opts.calibrationFolds ?? 3 : 0;
  const margins: number[] = [];
  const labels: boolean[] = [];
  const foldOf = (t: string) => createHash('sha1').update(t).digest()[0] % Math.max(1, k);
  for (let f = 0; f < (k >= 2 ? k : 1); f++) {
    const held = k >= 2 ? rows.filter((r) => foldOf(r.text) === f) : rows;
    const rest = k >= 2 ? rows.filter((r) => foldOf(r.text) !== f) : rows;
    if (!held.length || !rest.length) continue;
    const model = loadRouter(artifact(recipe, train(rest), identity, [], version));
    for (const r of held) { margins.push(model.margin(r.text)); labels.push(needsBig(r)); }
  }
  const calibration = platt(margins, labels);
  const w = train(rows);
  const draft = loadRouter(artifact(recipe, w, calibration, [], version));
  const texts = [...new Set(rows.map((r) => r.text))];
  return artifact(recipe, w, calibration, operatingPoints(texts.map((t) => draft.score(t))), version);
}
