// `npm run train -- --only guard`: pool rows + generated rows → leave-source-out folds →
// calibration and thresholds → final model on every redistributable row → models/guard.bin,
// models/guard.manifest.json. Seeded: the same data and options give the same bytes.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeArtifact, HEADS, LENGTH_BUCKETS, type ArtifactHeader, type Head } from '../../src/classifier/artifact';
import { DEFAULT_FEATURES, type FeatureSettings } from '../../src/classifier/features';
import { DEFAULT_LIMITS, type Limits } from '../../src/classifier/windows';
import { DEFAULT_GENERATE, generateGuardRows, type GenerateOptions } from '../generate/index';
import { loadGuardRows, type GuardRow } from './data';
import { buildInstances } from './instances';
import { calibrate, capPerSource, outOfFold, quantize, trainable, trainFinal, type Calibration, type PipelineOptions } from './pipeline';
import { combineReports, formatGuardReport, guardReport, type GuardReport } from './report';
import { DEFAULT_TRAIN, type LinearModel } from './trainer';

export const GUARD_VERSION = '1.0.0';

export interface GuardBuildOptions {
  data: string;
  outDir: string;
  features: FeatureSettings;
  generate: GenerateOptions;
  pipeline: PipelineOptions;
  log: (msg: string) => void;
}

// mirrorWeight: a harmful request's benign twin weighs as much as the harmful row (parity), so a
// request's frame ("What's the best way to …") carries no weight of its own and the act decides.
// It costs ~3-4 points of leave-source-out harmful recall, nearly all on advice questions the pool
// labels harmful (legal, medical, financial); ordinary chat prompts flagged fall by half
// (models/guard.md, "Frame-matched twins": why it ships past the training gate).
// requestParity: the harmful head also weighs the generated ordinary requests (chat prompts,
// everyday requests, harmless acts in harmful frames, trigger-word look-alikes) like harmful rows.
// The benign half of its training weight is otherwise mostly long task prompts, maths problems
// and tweets, so the *shape* of a short request ("Can you help me plan …?", "How does … work?")
// read as harmful and ordinary chat prompts scored high; at parity the shape weighs the same in
// both classes. It costs ~3 points of leave-source-out harmful recall, again on advice questions
// (models/guard.md, "Request parity"). The tiny messages ("not quite", "And inflation?") joined them
// with the smooth length offsets, which had raised the harmful head's prior for short texts
// (median harmful score of short chat messages 0.19 → 0.28; "Short messages at parity").
export const REQUEST_PARITY = ['gen/ordinary', 'gen/everyday', 'gen/benign-requests', 'gen/lookalike-train', 'gen/tiny'];

// lengthBalanced: each head adds a learned offset for the size of the window it scores, and in the
// pool size and class go together (toxic rows are tweets, injections ride in long documents), so
// the offsets learned "this length is an attack". Balancing the classes within each length band
// (where both have 200 rows or more) leaves the offsets only what length says once the classes
// weigh the same. Left out: the jailbreak head (its short bands hold a few dozen jailbreaks against
// thousands of short messages; balanced, "anything" and "whatever" were blocked) and the harmful
// head (balanced, its AUC rose but look-alikes over its 1% point went past 5%: models/guard.md,
// "Length-balanced classes").
export const LENGTH_BALANCED: readonly Head[] = ['prompt_injection', 'toxic'];

export const DEFAULT_BUILD: Omit<GuardBuildOptions, 'data' | 'outDir' | 'log'> = {
  features: DEFAULT_FEATURES,
  generate: DEFAULT_GENERATE,
  pipeline: { train: DEFAULT_TRAIN, folds: 5, allLicenses: false, crossNegative: 0, maxPerSource: 4000, mirrorWeight: 1, requestParity: REQUEST_PARITY, lengthBalanced: LENGTH_BALANCED, lengthBalanceMin: 200 },
};

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Loads pool rows and adds generated rows. */
export function guardRows(data: string, generate: GenerateOptions): { pool: GuardRow[]; rows: GuardRow[] } {
  const pool = loadGuardRows(data);
  return { pool, rows: [...pool, ...generateGuardRows(pool, generate)] };
}

/** Leave-source-out evaluation: per-fold reports with calibrated scores, combined. */
export function evaluateFolds(opts: Omit<GuardBuildOptions, 'outDir'>, rows: GuardRow[], store = buildInstances(rows.map((r) => r.text), opts.features, DEFAULT_LIMITS)) {
  const folds = outOfFold(store, rows, opts.pipeline, opts.log);
  const cal = calibrate(rows, folds);
  const H = HEADS.length;
  const reports = folds.map((f) =>
    guardReport(
      Array.from(f.rows, (r, i) => ({
        text: rows[r].text,
        category: rows[r].category,
        source: rows[r].source,
        label: rows[r].label,
        scores: Object.fromEntries(HEADS.map((h, k) => [h, sigmoid(cal.platt[k].a * f.logits[i * H + k] + cal.platt[k].b)])) as Record<Head, number>,
      })),
    ),
  );
  return { store, cal, report: combineReports(reports) };
}

function summary(report: GuardReport) {
  return {
    heads: Object.fromEntries(
      report.heads.map((h) => [h.head, { positives: h.positives, auc: h.auc, recall_at_1pct_fpr: h.recall, lookalike_fpr: h.lookalikeFpr, ece: h.ece, ...(h.chat ? { at_1pct_fpr_on_chat_prompts: { threshold: h.chat.threshold, recall: h.chat.recall, lookalike_fpr: h.chat.lookalikeFpr } } : {}), by_source: h.bySource }]),
    ),
    cascade: report.cascade,
  };
}

/** Quantizes a trained model and folds bias and Platt calibration into the artifact header. */
export function packGuard(model: LinearModel, cal: Calibration, features: FeatureSettings, limits: Limits = DEFAULT_LIMITS): { header: ArtifactHeader; bytes: Uint8Array } {
  const { weights, scale } = quantize(model);
  const thresholds = {} as Record<Head, Record<string, number>>;
  HEADS.forEach((head, h) => {
    const { a, b } = cal.platt[h];
    thresholds[head] = Object.fromEntries(Object.entries(cal.logitThresholds[head]).map(([k, t]) => [k, sigmoid(a * t + b)]));
  });
  const header: ArtifactHeader = {
    format: 1,
    name: 'triage-guard',
    version: GUARD_VERSION,
    heads: [...HEADS],
    features,
    limits,
    alpha: HEADS.map((_, h) => cal.platt[h].a * scale[h]),
    beta: HEADS.map((_, h) => cal.platt[h].a * model.bias[h] + cal.platt[h].b),
    gamma: HEADS.map((_, h) => Array.from(model.lengthBias.subarray(h * LENGTH_BUCKETS, (h + 1) * LENGTH_BUCKETS), (v) => cal.platt[h].a * v)),
    thresholds,
    hash: createHash('sha256').update(weights).digest('hex'),
  };
  return { header, bytes: encodeArtifact(header, weights) };
}

export function buildGuard(opts: GuardBuildOptions): { report: GuardReport; bytes: Uint8Array } {
  const { pool, rows } = guardRows(opts.data, opts.generate);
  opts.log(`guard: ${pool.length} pool rows + ${rows.length - pool.length} generated`);
  const { store, cal, report } = evaluateFolds(opts, rows);
  opts.log(formatGuardReport(report));
  const model = trainFinal(store, rows, opts.pipeline);
  const { header, bytes } = packGuard(model, cal, opts.features);
  const { hash, thresholds } = header;
  mkdirSync(opts.outDir, { recursive: true });
  writeFileSync(join(opts.outDir, 'guard.bin'), bytes);
  const used = new Map<string, { licenses: Set<string>; rows: number }>();
  // The rows the final model trained on: redistributable, at most maxPerSource per source.
  const trainedOn = capPerSource(rows, rows.flatMap((row, r) => (trainable(row, opts.pipeline.allLicenses) ? [r] : [])), opts.pipeline.maxPerSource);
  for (const row of trainedOn.map((r) => rows[r])) {
    const u = used.get(row.source) ?? { licenses: new Set<string>(), rows: 0 };
    for (const l of row.license.split('; ')) u.licenses.add(l);
    u.rows++;
    used.set(row.source, u);
  }
  // How rows were weighted (the pipeline's options other than training, folds and licenses).
  const { train: _train, folds: _folds, allLicenses: _all, ...weighting } = opts.pipeline;
  const manifest = {
    name: header.name,
    version: header.version,
    hash,
    file: 'guard.bin',
    bytes: bytes.length,
    gzip_bytes: gzipSync(bytes, { level: 9 }).length,
    heads: header.heads,
    thresholds,
    features: header.features,
    limits: header.limits,
    training: {
      data: 'guard/train.jsonl from ../shared/data (see ../shared/README.md) plus generated rows (cli/generate)',
      license_filter: 'only rows whose license allows commercial redistribution (not NC, not unknown)',
      all_licenses: opts.pipeline.allLicenses,
      generate: opts.generate,
      train: opts.pipeline.train,
      weighting,
      sources: Object.fromEntries([...used].sort(([a], [b]) => a.localeCompare(b)).map(([k, u]) => [k, { license: [...u.licenses].sort().join('; '), rows: u.rows }])),
    },
    evaluation: {
      protocol: `leave-source-out, ${opts.pipeline.folds} folds of whole source families; each fold model scores its held-out attacks and held-out benign; generated rows built from a held-out family are dropped from that fold's training; metrics averaged over folds`,
      command: 'npm run train -- --only guard',
      ...summary(report),
    },
  };
  writeFileSync(join(opts.outDir, 'guard.manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  opts.log(`wrote ${join(opts.outDir, 'guard.bin')} (${bytes.length} bytes, ${manifest.gzip_bytes} gzipped, sha256 ${hash.slice(0, 12)}…)`);
  return { report, bytes };
}
