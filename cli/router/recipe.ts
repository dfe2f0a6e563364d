// How a router is trained from routing rows: the recipe (features, target, weighting) and
// `fitRouter`, which turns rows into artifact bytes. train.ts ships one recipe; heldout.ts
// measures every recipe with this same function, so the numbers are the shipped recipe's.
import { createHash } from 'node:crypto';
import { encodeRouter, loadRouter, type OperatingPoint, type RouterHeader } from '../../src/classifier/router/index';
import { DENSE, DENSE_NAMES, DEFAULT_FEATURES, dimension, featurize, sparseVector, type FeatureConfig } from '../../src/classifier/router/features';
import { subSource, needsBig, type RoutingRow } from './data';
import { pairOf } from './folds';
import { fitLogistic, fitRidge, sigmoid, type Example } from './fit';

export type DenseName = (typeof DENSE_NAMES)[number];

export interface Recipe {
  name: string;
  features: FeatureConfig;
  /** Dense features the model may use; the others keep weight 0. */
  dense: readonly DenseName[];
  /**
   * `gain`: q_strong − q_weak per row, so the margin ranks by the expected gain of the big model
   * (the order that maximizes APGR); the SGD solver fits it as the soft label (gain + 1)/2.
   * `prompt-gain`: the same gain averaged over a prompt's model pairs, one example per prompt
   * (less label noise; its weight is the sum of its rows'). `need`: the 0/1 label
   * q_strong > q_weak. Whatever the target, the margin is then calibrated to P(q_strong > q_weak).
   */
  target: 'gain' | 'prompt-gain' | 'need';
  /** Weight every (sub-source, model pair) cell equally, so no single benchmark dominates. */
  balance: boolean;
  /**
   * `sgd`: logistic regression by AdaGrad (fit.ts), for hashed features. `ridge`: weighted least
   * squares in closed form over the dense features (standardized, penalty `l2`).
   */
  solver?: 'sgd' | 'ridge';
  l2: number;
  epochs: number;
  learningRate: number;
}

// The recipes that predate the prior keep their feature set, so their numbers stay comparable.
const ALL_DENSE = DENSE_NAMES.filter((n) => n !== 'bias' && n !== 'prior' && n !== 'prior_core' && n !== 'maths_markup');
const SHAPE: DenseName[] = ['log_chars', 'log_words', 'log_lines', 'options', 'has_options', 'latex', 'math_ops', 'code',
  'question_marks', 'ends_question', 'digit_share', 'word_list', 'starts_lower', 'blank'];
const common = { l2: 1e-3, epochs: 4, learningRate: 0.05 };
const ridge = { solver: 'ridge', target: 'gain', balance: true, l2: 1e-2, epochs: 0, learningRate: 0 } as const;
const DENSE_ONLY = { ...DEFAULT_FEATURES, hashed: false };

export const RECIPES: Record<string, Recipe> = {
  /** Prompt length only (log characters), calibrated. */
  length: { name: 'length', features: DENSE_ONLY, dense: ['log_chars'], target: 'gain', balance: true, ...common },
  /** Length plus shape cues: options, maths, code, question form, word lists. */
  shape: { name: 'shape', features: DENSE_ONLY, dense: SHAPE, target: 'gain', balance: true, ...common },
  /** Everything: dense signals, hashed word 1–2-grams and cue tokens. */
  full: { name: 'full', features: DEFAULT_FEATURES, dense: ALL_DENSE, target: 'gain', balance: true, ...common, l2: 1e-4 },
  /** The plain hashed n-gram router (a baseline): n-grams only, 0/1 target. */
  ngram: { name: 'ngram', features: DEFAULT_FEATURES, dense: [], target: 'need', balance: false, ...common, l2: 1e-4 },
  /** The complexity prior (features.ts: log length + log maths markup − ln 3 for a lower-case start), learned sign and scale. */
  prior: { name: 'prior', features: DENSE_ONLY, dense: ['prior'], ...ridge },
  /** The prior without the lower-case term. */
  'prior-core': { name: 'prior-core', features: DENSE_ONLY, dense: ['prior_core'], ...ridge },
  /** The prior without the lower-case term, and the lower-case start as a free weight. */
  'prior-form': { name: 'prior-form', features: DENSE_ONLY, dense: ['prior_core', 'starts_lower'], ...ridge },
  /** As `prior`, fitted to the gain averaged over model pairs per prompt. */
  'prior-prompt': { name: 'prior-prompt', features: DENSE_ONLY, dense: ['prior'], ...ridge, target: 'prompt-gain' },
  /** Length and markup as two free weights (what the fixed blend guards against). */
  'length-markup': { name: 'length-markup', features: DENSE_ONLY, dense: ['log_chars', 'maths_markup'], ...ridge },
  /** The prior plus every shape signal, weights learned (ridge). */
  'prior-shape': { name: 'prior-shape', features: DENSE_ONLY, dense: ['prior', ...SHAPE.filter((n) => n !== 'starts_lower')], ...ridge, l2: 1 },
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
  const weight = (r: RoutingRow) => (recipe.balance ? rows.length / counts.size / counts.get(cell(r))! : 1);
  const sgd = (recipe.solver ?? 'sgd') === 'sgd';
  if (recipe.target === 'prompt-gain') {
    const byText = new Map<string, { gain: number; weight: number }>();
    for (const r of rows) {
      const p = byText.get(r.text) ?? { gain: 0, weight: 0 };
      p.gain += weight(r) * (r.q_strong - r.q_weak);
      p.weight += weight(r);
      byText.set(r.text, p);
    }
    return [...byText].map(([text, p]) => {
      const gain = p.weight ? p.gain / p.weight : 0;
      return { ...features.get(text)!, y: sgd ? (gain + 1) / 2 : gain, weight: p.weight };
    });
  }
  return rows.map((r) => {
    const gain = r.q_strong - r.q_weak;
    const y = recipe.target === 'need' ? +needsBig(r) : sgd ? (gain + 1) / 2 : gain;
    return { ...features.get(r.text)!, y, weight: weight(r) };
  });
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

/** Smallest calibration slope: scores stay strictly ordered by margin. */
const MIN_SLOPE = 1e-3;

/** The intercept b of σ(a·z + b) for a fixed slope a (Newton's method on the log loss). */
function plattIntercept(z: readonly number[], y: readonly boolean[], a: number): number {
  let b = 0;
  for (let it = 0; it < 50; it++) {
    let g = 0, h = 1e-9;
    for (let i = 0; i < z.length; i++) {
      const p = sigmoid(a * z[i] + b);
      g += p - (y[i] ? 1 : 0);
      h += p * (1 - p);
    }
    b -= g / h;
    if (Math.abs(g / h) < 1e-10) break;
  }
  return b;
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
  const bias = DENSE_NAMES.indexOf('bias');
  const columns = recipe.dense.map((n) => DENSE_NAMES.indexOf(n));
  const train = (subset: readonly RoutingRow[]) => recipe.solver === 'ridge'
    ? fitRidge(examples(subset, recipe, features), dim, columns, bias, recipe.l2)
    : fitLogistic(examples(subset, recipe, features), dim, { epochs: recipe.epochs, learningRate: recipe.learningRate, l2: recipe.l2, seed: opts.seed, unpenalized });
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
  // The margin orders prompts by expected gain; calibration must keep that order, so its slope
  // is floored at a small positive value. (P(need) and the gain can disagree in direction where
  // the small model often wins: an unconstrained fit then reverses the whole ranking.)
  const fitted = platt(margins, labels);
  const calibration = fitted.a >= MIN_SLOPE ? fitted : { a: MIN_SLOPE, b: plattIntercept(margins, labels, MIN_SLOPE) };
  const w = train(rows);
  const draft = loadRouter(artifact(recipe, w, calibration, [], version));
  const texts = [...new Set(rows.map((r) => r.text))];
  return artifact(recipe, w, calibration, operatingPoints(texts.map((t) => draft.score(t))), version);
}
