// `npm run train -- [--only guard|router] [--data FILE] [--out DIR] [--seed N] [--folds K] [--extra ROWS.jsonl]... [--gate-data FILE]... [--force]`
// Regenerates the shipped models from ../shared/data: the guard heads (this repo's
// cli/guard) and, when present, the router (cli/router/train.ts, `trainRouter`).
// Seeded and reproducible; shipped models use only redistributable rows.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildGuard, DEFAULT_BUILD } from './guard/build';
import { writeParityFixture } from './guard/parity-fixture';
import { trainingGate } from './flywheel/train-gate';
import { numberArg, parseArgs, stringArg } from './lib/args';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs();
const only = stringArg(args, 'only', 'all');
if (!['all', 'guard', 'router'].includes(only)) throw new Error('--only must be guard or router');
const outDir = stringArg(args, 'out', join(root, 'models'));
const seed = numberArg(args, 'seed', DEFAULT_BUILD.pipeline.train.seed);
const log = (msg: string): void => console.error(msg);
// --extra/--gate-data/--force: candidates train in a scratch directory and replace the models in
// outDir only if the regression gate passes (cli/flywheel/train-gate.ts, README "The flywheel").
const gate = trainingGate(process.argv.slice(2), outDir, log);

if (only === 'all' || only === 'guard') {
  const data = stringArg(args, 'data', join(root, '../shared/data/guard/train.jsonl'));
  buildGuard({
    ...DEFAULT_BUILD,
    data: gate.guardData(data),
    outDir: gate.outDir,
    log,
    generate: { ...DEFAULT_BUILD.generate, seed: numberArg(args, 'gen-seed', DEFAULT_BUILD.generate.seed) },
    pipeline: {
      ...DEFAULT_BUILD.pipeline,
      folds: numberArg(args, 'folds', DEFAULT_BUILD.pipeline.folds),
      train: { ...DEFAULT_BUILD.pipeline.train, seed },
    },
  });
}

if (only === 'all' || only === 'router') {
  const trainer = join(root, 'cli/router/train.ts');
  if (!existsSync(trainer)) {
    log(only === 'router' ? 'router: cli/router/train.ts does not exist yet' : 'router: skipped (cli/router/train.ts does not exist yet)');
    if (only === 'router') process.exitCode = 1;
  } else {
    const mod = (await import(pathToFileURL(trainer).href)) as { trainRouter?: (opts: { data: string; out: string; seed: number; extra?: string[] }) => unknown };
    if (typeof mod.trainRouter !== 'function') throw new Error('cli/router/train.ts does not export trainRouter');
    const data = stringArg(args, 'router-data', join(root, '../shared/data/routing/train.jsonl'));
    await mod.trainRouter({ data, out: gate.outDir, seed, extra: gate.routerExtra });
    log(`router: trained ${join(gate.outDir, 'router.bin')}`);
  }
}

const { installed } = gate.finish();
// The node/workerd parity fixture follows the shipped model (see test/worker/classifier-parity.test.ts).
if (installed.includes('guard') && outDir === join(root, 'models')) writeParityFixture();
