// The few metrics the regression gate needs, on top of the router's (cli/router/metrics.ts).

import { auc as aucOfLabels, routerMetrics } from '../router/metrics';

/** ROC AUC of positive vs negative scores (ties count half). */
export function auc(pos: readonly number[], neg: readonly number[]): number {
  return aucOfLabels([...pos.map(() => true), ...neg.map(() => false)], [...pos, ...neg]);
}

/**
 * APGR (RouteLLM). NaN when the large model's average gain over the small one is under `minGap`:
 * APGR divides by that gain, so on rows where the two models nearly tie it swings wildly (and no
 * router can recover a gap that is not there).
 */
export function routerApgr(rows: readonly { q_weak: number; q_strong: number }[], scores: readonly number[], minGap = 0.05): number {
  const gap = rows.reduce((s, r) => s + r.q_strong - r.q_weak, 0) / Math.max(rows.length, 1);
  return gap < minGap ? NaN : routerMetrics(rows, scores).apgr;
}
