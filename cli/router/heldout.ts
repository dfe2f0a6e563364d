// Held-out evaluation of router recipes (folds.ts), with the field's baselines.
//
//   npx tsx cli/router/heldout.ts --data ../shared/data/routing/train.jsonl \
//     [--recipes length,shape,full,ngram] [--designs sub-source,pair,family] [--seed 1]
//
// Prints, per design, the APGR of every router on every fold (mean over the fold's model
// pairs), the mean and minimum over folds, and for each recipe CPT(50%), CPT(80%) and the
// big-model share that keeps 95% of always-big quality, averaged over folds.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadRouter } from '../../src/classifier/router/index';
import { readRows, redistributable, type RoutingRow } from './data';
import { DESIGNS, folds, type Design, type Fold } from './folds';
import { perfectScores, routerMetrics, type RouterMetrics } from './metrics';
import { fitRouter, RECIPES } from './recipe';

type Scorer = (train: RoutingRow[]) => (text: string) => number;

// Baselines need no training; `prompt-length` routes the longest prompts to the big model.
const BASELINES: Record<string, Scorer> = {
  random: () => () => 0,
  'prompt-length': () => (t) => t.length,
};

export interface FoldResult {
  design: Design;
  fold: string;
  pairs: string[];
  /** Router name → metrics averaged over the fold's model pairs. */
  metrics: Record<string, RouterMetrics>;
}

function mean(ms: RouterMetrics[]): RouterMetrics {
  const avg = (f: (m: RouterMetrics) => number) => ms.reduce((a, m) => a + f(m), 0) / ms.length;
  return {
    n: ms.reduce((a, m) => a + m.n, 0), apgr: avg((m) => m.apgr), cpt50: avg((m) => m.cpt50), cpt80: avg((m) => m.cpt80),
    share95: avg((m) => m.share95), qualityWeak: avg((m) => m.qualityWeak), qualityStrong: avg((m) => m.qualityStrong),
  };
}

/**
 * A ceiling for prompt-only routing across model pairs: score each test prompt by the gain the
 * *other* pairs actually realized on that very prompt (their labels, not a prediction). If even
 * this does not beat random, no prompt-only router can on a pair it has not seen.
 */
function otherPairsOracle(rows: readonly RoutingRow[], cells: Fold['cells']): RouterMetrics {
  const gains = new Map<string, { pair: string; gain: number }[]>();
  for (const r of rows) gains.set(r.text, [...(gains.get(r.text) ?? []), { pair: `${r.weak} → ${r.strong}`, gain: r.q_strong - r.q_weak }]);
  return mean(cells.map((c) => routerMetrics(c.rows, c.rows.map((r) => {
    const others = gains.get(r.text)!.filter((g) => g.pair !== c.pair);
    return others.length ? others.reduce((a, g) => a + g.gain, 0) / others.length : 0;
  }))));
}

export function heldOut(rows: RoutingRow[], recipes: string[], designs: readonly Design[], seed: number): FoldResult[] {
  const scorers: Record<string, Scorer> = { ...BASELINES };
  for (const name of recipes) {
    const recipe = RECIPES[name];
    if (!recipe) throw new Error(`unknown recipe ${name} (have ${Object.keys(RECIPES).join(', ')})`);
    scorers[`router:${name}`] = (train) => {
      const router = loadRouter(fitRouter(train, recipe, { seed }));
      return (t) => router.score(t);
    };
  }
  const results: FoldResult[] = [];
  for (const design of designs) {
    for (const fold of folds(rows, design)) {
      const metrics: Record<string, RouterMetrics> = {};
      for (const [name, make] of Object.entries(scorers)) {
        const score = make(fold.train);
        metrics[name] = mean(fold.cells.map((c) => routerMetrics(c.rows, c.rows.map((r) => score(r.text)))));
      }
      if (design === 'pair') metrics['other-pairs oracle'] = otherPairsOracle(rows, fold.cells);
      metrics.perfect = mean(fold.cells.map((c) => routerMetrics(c.rows, perfectScores(c.rows))));
      results.push({ design, fold: fold.name, pairs: fold.cells.map((c) => c.pair), metrics });
    }
  }
  return results;
}

const f3 = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));
const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(0)}%`);

export function formatHeldOut(results: FoldResult[]): string {
  const out: string[] = [];
  for (const design of DESIGNS) {
    const rs = results.filter((r) => r.design === design);
    if (!rs.length) continue;
    const names = Object.keys(rs[0].metrics);
    if (design === 'own-pair') out.push('\n(own-pair is not held out: each pair trained on its own labels, tested on unseen prompts of the same benchmarks.)');
    out.push(`\n### APGR, held-out design: ${design}\n`);
    out.push(`| fold | pairs scored | ${names.join(' | ')} |`, `|---|---:|${names.map(() => '---:').join('|')}|`);
    for (const r of rs) out.push(`| ${r.fold} | ${r.pairs.length} | ${names.map((n) => f3(r.metrics[n].apgr)).join(' | ')} |`);
    const col = (n: string) => rs.map((r) => r.metrics[n].apgr);
    out.push(`| **mean** | | ${names.map((n) => `**${f3(col(n).reduce((a, b) => a + b, 0) / rs.length)}**`).join(' | ')} |`);
    out.push(`| min | | ${names.map((n) => f3(Math.min(...col(n)))).join(' | ')} |`);
    out.push(`\nMean over folds: CPT(50%) / CPT(80%) / big-model share for 95% of always-big quality\n`);
    out.push('| router | CPT(50%) | CPT(80%) | share for 95% quality |', '|---|---:|---:|---:|');
    for (const n of names) {
      const m = mean(rs.map((r) => r.metrics[n]));
      out.push(`| ${n} | ${pct(m.cpt50)} | ${pct(m.cpt80)} | ${pct(m.share95)} |`);
    }
  }
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      recipes: { type: 'string', default: 'length,shape,full,ngram' },
      designs: { type: 'string', default: DESIGNS.join(',') },
      seed: { type: 'string', default: '1' },
    },
  });
  if (!values.data) throw new Error('usage: heldout.ts --data FILE.jsonl [--recipes a,b] [--designs sub-source,pair,family]');
  const rows = readRows(values.data).filter((r) => redistributable(r.license));
  const results = heldOut(rows, values.recipes!.split(','), values.designs!.split(',') as Design[], Number(values.seed));
  console.log(formatHeldOut(results));
}
