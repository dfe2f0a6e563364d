// Trains the router (the `complexity` head) and writes models/router.bin and its manifest.
//
//   npx tsx cli/router/train.ts --data ../shared/data/routing/train.jsonl [--out models] [--seed 1]
//       [--extra more.jsonl ...] [--recipe length|shape|full|ngram]
//
// Only rows whose license allows redistribution train the shipped model. Same data and seed
// give the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { loadRouter } from '../../src/classifier/router/index';
import { DENSE_NAMES } from '../../src/classifier/router/features';
import { LOWER_START_PENALTY } from '../../src/classifier/router/prior';
import { readRows, redistributable, subSource, type RoutingRow } from './data';
import { pairOf } from './folds';
import { fitRouter, RECIPES } from './recipe';

/** The recipe shipped in models/router.bin (chosen by cli/router/heldout.ts; see models/router.md). */
export const SHIPPED_RECIPE = 'prior';
export const VERSION = '2.0.0';

export interface TrainOptions {
  /** Routing rows (JSONL). */
  data: string;
  /** Output directory (router.bin + router.manifest.json), or the path of the .bin itself. */
  out: string;
  seed?: number;
  extra?: string[];
  recipe?: string;
}

export interface TrainResult {
  artifact: string;
  manifest: string;
  bytes: Uint8Array;
  rows: number;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

export async function trainRouter(opts: TrainOptions): Promise<TrainResult> {
  const seed = opts.seed ?? 1;
  const recipe = RECIPES[opts.recipe ?? SHIPPED_RECIPE];
  if (!recipe) throw new Error(`unknown recipe ${opts.recipe} (have ${Object.keys(RECIPES).join(', ')})`);
  const all: RoutingRow[] = [opts.data, ...(opts.extra ?? [])].flatMap(readRows);
  const rows = all.filter((r) => redistributable(r.license));
  const bytes = fitRouter(rows, recipe, { seed, version: VERSION });
  const router = loadRouter(bytes);

  const artifact = opts.out.endsWith('.bin') ? opts.out : join(opts.out, 'router.bin');
  const manifest = artifact.replace(/\.bin$/, '.manifest.json');
  mkdirSync(dirname(artifact), { recursive: true });
  writeFileSync(artifact, bytes);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true))));
  writeFileSync(manifest, JSON.stringify({
    name: router.info.name,
    version: router.info.version,
    head: 'complexity',
    predicts: 'P(q_strong > q_weak): probability that the big model is needed',
    recipe: { ...recipe, features: undefined },
    ...(recipe.dense.includes('prior') ? { prior: `ln(1 + characters) + ln(1 + "$" signs in the scanned windows) − ln ${Math.exp(LOWER_START_PENALTY).toFixed(0)} if the prompt starts in lower case` } : {}),
    features: recipe.features,
    dense_weights: Object.fromEntries(DENSE_NAMES.map((n, i) => [n, header.dense[i]]).filter(([, w]) => w !== 0)),
    calibration: header.calibration,
    thresholds: router.info.thresholds,
    default_threshold: router.info.defaultThreshold,
    training: {
      seed,
      rows: rows.length,
      excluded_by_license: all.length - rows.length,
      sources: countBy(rows, (r) => `${r.source} (${r.license})`),
      sub_sources: countBy(rows, subSource),
      model_pairs: countBy(rows, pairOf),
    },
    content_hash: router.info.hash,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
  }, null, 2) + '\n');
  return { artifact, manifest, bytes, rows: rows.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data/routing/train.jsonl' },
      out: { type: 'string', default: 'models' },
      seed: { type: 'string', default: '1' },
      extra: { type: 'string', multiple: true, default: [] },
      recipe: { type: 'string', default: SHIPPED_RECIPE },
    },
  });
  const result = await trainRouter({ data: values.data!, out: values.out!, seed: Number(values.seed), extra: values.extra, recipe: values.recipe });
  console.log(`router: ${result.rows} rows → ${result.artifact} (${result.bytes.length} bytes), ${result.manifest}`);
}
