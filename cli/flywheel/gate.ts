// The regression gate: a candidate model against the shipped one on the same held-out rows,
// slice by slice, so "better on average, worse where it matters" is caught. A slice is a head
// (or the router) on all rows, on the rows of one source, or (router) of one model pair.
//
//   guard heads: AUC (a head's positives vs every benign row), recall at the model's own
//                fpr_1pct threshold, and the share of a source's benign rows it flags there
//   router:      APGR (RouteLLM's area under the performance-gap-recovered curve). Not the AUC of
//                "large needed": the router ranks by expected gain (rows where the small model
//                wins count against), and on this kind of data its AUC sits near 0.5 while its
//                APGR separates good routers from bad ones. Slices where the large model is not
//                better on average (gain < 0.05) are not judged: APGR divides by that gain.
//
// A slice with fewer than `minRows` rows on a side is too small to judge and is not checked.

import { HEADS, type GuardModel, type Head } from '../../src/classifier/index';
import type { Router } from '../../src/classifier/router/index';
import { auc, routerApgr } from './gate-metrics';

export type Metric = 'auc' | 'recall@fpr_1pct' | 'benign_flagged@fpr_1pct' | 'apgr';

export interface SliceCheck {
  model: 'guard' | 'router';
  head: string;
  slice: string;
  metric: Metric;
  n: number;
  shipped: number;
  candidate: number;
  /** candidate − shipped, signed so that negative is worse. */
  change: number;
  worse: boolean;
}

export interface GateOptions {
  /** Largest drop tolerated per metric (absolute). */
  tolerance: Record<Metric, number>;
  minRows: number;
}

export const DEFAULT_GATE: GateOptions = {
  tolerance: { auc: 0.01, 'recall@fpr_1pct': 0.03, 'benign_flagged@fpr_1pct': 0.01, apgr: 0.02 },
  minRows: 20,
};

export interface GuardGateRow {
  text: string;
  label: number;
  category: string;
  source: string;
}

export interface RouterGateRow {
  text: string;
  weak: string;
  strong: string;
  q_weak: number;
  q_strong: number;
  source: string;
}

const HEAD_CATEGORIES: Record<Head, readonly string[]> = {
  prompt_injection: ['injection', 'injection_indirect'],
  jailbreak: ['jailbreak'],
  harmful: ['harmful'],
  toxic: ['toxic'],
};
const LOWER_IS_BETTER: ReadonlySet<Metric> = new Set(['benign_flagged@fpr_1pct']);

function check(model: SliceCheck['model'], head: string, slice: string, metric: Metric, n: number, shipped: number, candidate: number, o: GateOptions): SliceCheck | undefined {
  if (Number.isNaN(shipped) || Number.isNaN(candidate)) return undefined;
  const change = LOWER_IS_BETTER.has(metric) ? shipped - candidate : candidate - shipped;
  return { model, head, slice, metric, n, shipped, candidate, change, worse: change < -o.tolerance[metric] - 1e-12 };
}

const rate = (scores: number[], t: number) => (scores.length ? scores.filter((s) => s >= t).length / scores.length : NaN);
const groupBy = <T>(rows: readonly T[], key: (r: T) => string) => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
};

/** Guard heads: shipped vs candidate on held-out guard rows. */
export function compareGuard(shipped: GuardModel, candidate: GuardModel, rows: readonly GuardGateRow[], o: GateOptions = DEFAULT_GATE): SliceCheck[] {
  const scored = rows.map((r) => ({ r, s: shipped.score(r.text), c: candidate.score(r.text) }));
  const benign = scored.filter((x) => x.r.label === 0);
  const checks: SliceCheck[] = [];
  const push = (c: SliceCheck | undefined) => c && checks.push(c);
  for (const head of HEADS) {
    const ts = shipped.thresholds[head].fpr_1pct!;
    const tc = candidate.thresholds[head].fpr_1pct!;
    const positives = scored.filter((x) => x.r.label === 1 && HEAD_CATEGORIES[head].includes(x.r.category));
    const slices = new Map([['all', positives], ...groupBy(positives, (x) => `source ${x.r.source}`)]);
    for (const [slice, pos] of slices) {
      if (pos.length < o.minRows) continue;
      if (benign.length >= o.minRows) {
        push(check('guard', head, slice, 'auc', pos.length + benign.length, auc(pos.map((x) => x.s[head]), benign.map((x) => x.s[head])), auc(pos.map((x) => x.c[head]), benign.map((x) => x.c[head])), o));
      }
      push(check('guard', head, slice, 'recall@fpr_1pct', pos.length, rate(pos.map((x) => x.s[head]), ts), rate(pos.map((x) => x.c[head]), tc), o));
    }
    for (const [slice, neg] of new Map([['all benign', benign], ...groupBy(benign, (x) => `benign source ${x.r.source}`)])) {
      if (neg.length < o.minRows) continue;
      push(check('guard', head, slice, 'benign_flagged@fpr_1pct', neg.length, rate(neg.map((x) => x.s[head]), ts), rate(neg.map((x) => x.c[head]), tc), o));
    }
  }
  return checks;
}

/** The router: shipped vs candidate on held-out routing rows, overall, per model pair and per source. */
export function compareRouter(shipped: Router, candidate: Router, rows: readonly RouterGateRow[], o: GateOptions = DEFAULT_GATE): SliceCheck[] {
  const slices = new Map<string, RouterGateRow[]>([
    ['all', [...rows]],
    ...groupBy(rows, (r) => `pair ${r.weak} → ${r.strong}`),
    ...groupBy(rows, (r) => `source ${r.source}`),
  ]);
  const checks: SliceCheck[] = [];
  const memo = new Map<string, [number, number]>();
  const scores = (t: string) => memo.get(t) ?? memo.set(t, [shipped.score(t), candidate.score(t)]).get(t)!;
  for (const [slice, rs] of slices) {
    if (rs.length < o.minRows) continue;
    const s = rs.map((r) => scores(r.text)[0]);
    const c = rs.map((r) => scores(r.text)[1]);
    const x = check('router', 'complexity', slice, 'apgr', rs.length, routerApgr(rs, s), routerApgr(rs, c), o);
    if (x) checks.push(x);
  }
  return checks;
}

const f3 = (x: number) => x.toFixed(3);
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

/** The verdict, with every regression named: model, head, slice, metric, before → after. */
export function formatGate(checks: readonly SliceCheck[]): { passed: boolean; text: string } {
  const worse = checks.filter((c) => c.worse);
  if (checks.length === 0) return { passed: true, text: 'regression gate: no slice has enough held-out rows to judge (see --gate-min-rows): not gated' };
  const lines = [`regression gate: ${checks.length} slice checks, ${worse.length} worse than tolerated`];
  for (const c of worse) {
    lines.push(`  WORSE ${c.model} ${c.head} on ${c.slice} (n=${c.n}): ${c.metric} ${f3(c.shipped)} → ${f3(c.candidate)} (${signed(c.candidate - c.shipped)})`);
  }
  const best = [...checks].sort((a, b) => b.change - a.change).filter((c) => c.change > 0).slice(0, 3);
  for (const c of best) lines.push(`  better ${c.model} ${c.head} on ${c.slice} (n=${c.n}): ${c.metric} ${f3(c.shipped)} → ${f3(c.candidate)}`);
  return { passed: worse.length === 0, text: lines.join('\n') };
}

/** `auc=0.01,apgr=0.05` → tolerances (others keep their defaults). */
export function parseTolerance(spec: string | undefined, base = DEFAULT_GATE.tolerance): Record<Metric, number> {
  const out = { ...base };
  for (const part of (spec ?? '').split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!k || !(k in out) || !Number.isFinite(Number(v))) throw new Error(`--gate-tolerance: "${part}" (metrics: ${Object.keys(out).join(', ')})`);
    out[k as Metric] = Number(v);
  }
  return out;
}
