// `npm run eval -- --data FILE [--model models/guard.bin] [--brief]`
//   Guard rows ({"text","label","category","source"}): per head AUC, recall at 1% FPR on ordinary
//   benign rows, FPR on benign look-alikes (category benign_lookalike*), per source,
//   calibration (ECE and reliability), the cascade figure, and the model's stored fpr_1pct point.
//   Routing rows ({"text","q_weak","q_strong",…}): delegated to cli/router/eval.ts (evalRouter).
// `npm run eval -- --loso [--data ../shared/data/guard/train.jsonl] [--folds K]`
//   Leave-source-out evaluation of the guard training recipe (trains one model per fold).
// `npm run eval -- --data ANSWERS.jsonl --grader GRADER`
//   Grades answers with a flywheel grader (exact, regex, json_schema, numeric, model): cli/flywheel/grade-eval.ts.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HEADS, loadGuardModel, type Head } from '../src/classifier/index';
import { DEFAULT_BUILD, evaluateFolds, guardRows } from './guard/build';
import { formatGuardReport, guardReport, type ScoredRow } from './guard/report';
import { gradeFile } from './flywheel/grade-eval';
import { numberArg, parseArgs, stringArg } from './lib/args';
import { readJsonl } from './lib/jsonl';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs();
const verbose = args.brief !== true;

if (typeof args.grader === 'string') {
  await gradeFile(stringArg(args, 'data'), args.grader);
} else if (args.loso === true) {
  const data = stringArg(args, 'data', join(root, '../shared/data/guard/train.jsonl'));
  const opts = { ...DEFAULT_BUILD, data, log: (m: string) => console.error(m), pipeline: { ...DEFAULT_BUILD.pipeline, folds: numberArg(args, 'folds', DEFAULT_BUILD.pipeline.folds) } };
  const { rows } = guardRows(data, opts.generate);
  console.log(formatGuardReport(evaluateFolds(opts, rows).report, verbose));
} else {
  const data = stringArg(args, 'data');
  const raw = readJsonl<Record<string, unknown>>(data);
  const routing = raw.filter((r) => typeof r.q_weak === 'number' && typeof r.q_strong === 'number');
  const guard = raw.filter((r) => typeof r.text === 'string' && (r.label === 0 || r.label === 1));
  if (guard.length > 0) {
    const model = loadGuardModel(new Uint8Array(readFileSync(stringArg(args, 'model', join(root, 'models/guard.bin')))));
    const started = performance.now();
    const scored: ScoredRow[] = guard.map((r) => ({
      text: r.text as string,
      category: typeof r.category === 'string' ? r.category : r.label === 0 ? 'benign' : 'unknown',
      source: typeof r.source === 'string' ? r.source : 'unknown',
      label: r.label as number,
      scores: model.score(r.text as string),
    }));
    const ms = performance.now() - started;
    const stored = Object.fromEntries(HEADS.map((h) => [h, model.thresholds[h].fpr_1pct])) as Record<Head, number>;
    console.log(`guard model ${model.info.name} ${model.info.version} (${model.info.hash.slice(0, 12)}) on ${data}: ${guard.length} rows scored in ${ms.toFixed(0)} ms`);
    console.log(formatGuardReport(guardReport(scored, stored), verbose));
  }
  if (routing.length > 0) {
    const evalModule = join(root, 'cli/router/eval.ts');
    if (!existsSync(evalModule)) console.log(`${routing.length} routing rows: router evaluation not available (cli/router/eval.ts missing)`);
    else {
      const { evalRouter } = (await import(pathToFileURL(evalModule).href)) as { evalRouter: (rows: unknown[]) => unknown };
      console.log(`\nrouting rows: ${routing.length}`);
      evalRouter(routing);
    }
  }
  if (guard.length === 0 && routing.length === 0) throw new Error(`${data}: no guard rows (text, label) or routing rows (q_weak, q_strong)`);
}
