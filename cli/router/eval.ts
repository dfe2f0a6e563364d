// Router metrics on labelled routing rows, against the field's baselines (RouteLLM §5):
// random, always-small, always-big, a prompt-length router and the perfect router.
//
//   npx tsx cli/router/eval.ts --data ../shared/data/routing/train.jsonl [--model models/router.bin]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadRouter, type Router } from '../../src/classifier/router/index';
import { needsBig, readRows, type RoutingRow } from './data';
import { pairOf } from './folds';
import { auc, perfectScores, randomScores, routerMetrics, type RouterMetrics } from './metrics';

export const DEFAULT_MODEL = 'models/router.bin';

export interface PairReport {
  pair: string;
  n: number;
  qualityWeak: number;
  qualityStrong: number;
  /** ROC AUC of the score for the 0/1 label "big model needed". */
  auc: number;
  routers: Record<'router' | 'random' | 'length' | 'perfect', RouterMetrics>;
}

/** Metrics per model pair (each pair is its own routing problem). */
export function evalRouter(rows: readonly RoutingRow[], router?: Router, print = true): PairReport[] {
  const model = router ?? loadRouter(new Uint8Array(readFileSync(DEFAULT_MODEL)));
  const groups = new Map<string, RoutingRow[]>();
  for (const r of rows) groups.set(pairOf(r), [...(groups.get(pairOf(r)) ?? []), r]);
  const scores = new Map<string, number>();
  const score = (t: string) => scores.get(t) ?? scores.set(t, model.score(t)).get(t)!;
  const reports = [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([pair, rs]): PairReport => {
    const routers = {
      router: routerMetrics(rs, rs.map((r) => score(r.text))),
      random: routerMetrics(rs, randomScores(rs)),
      length: routerMetrics(rs, rs.map((r) => r.text.length)),
      perfect: routerMetrics(rs, perfectScores(rs)),
    };
    const auroc = auc(rs.map(needsBig), rs.map((r) => score(r.text)));
    return { pair, n: rs.length, qualityWeak: routers.random.qualityWeak, qualityStrong: routers.random.qualityStrong, auc: auroc, routers };
  });
  if (print) console.log(formatReports(reports, model.info.name));
  return reports;
}

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(0)}%`);

export function formatReports(reports: readonly PairReport[], name: string): string {
  const lines = [
    `| model pair | n | quality always-small | always-big | APGR ${name} | random | length | perfect | CPT(50%) | CPT(80%) | big share for 95% quality | AUC (need big) |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of reports) {
    const m = r.routers;
    lines.push(`| ${r.pair} | ${r.n} | ${r.qualityWeak.toFixed(3)} | ${r.qualityStrong.toFixed(3)} | ${m.router.apgr.toFixed(3)} | ${m.random.apgr.toFixed(3)} | ${m.length.apgr.toFixed(3)} | ${m.perfect.apgr.toFixed(3)} | ${pct(m.router.cpt50)} (random ${pct(m.random.cpt50)}) | ${pct(m.router.cpt80)} (random ${pct(m.random.cpt80)}) | ${pct(m.router.share95)} (random ${pct(m.random.share95)}, perfect ${pct(m.perfect.share95)}) | ${r.auc.toFixed(3)} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { data: { type: 'string' }, model: { type: 'string', default: DEFAULT_MODEL } } });
  if (!values.data) throw new Error('usage: eval.ts --data FILE.jsonl [--model models/router.bin]');
  evalRouter(readRows(values.data), loadRouter(new Uint8Array(readFileSync(values.model!))));
}
