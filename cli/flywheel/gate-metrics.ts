// The few metrics the regression gate needs, on top of the router's (cli/router/metrics.ts).

import { auc as aucOfLabels, routerMetrics } from '../router/metrics';

/** ROC AUC of positive vs negative scores (ties count half). */
export function auc(pos: readonly number[], neg: readonly number[]): number {
  return aucOfLabels([...pos.map(() => true), ...neg.map(() => false)], [...pos, ...neg]);
}

/** APGR (RouteLLM); NaN when the two models tie overall on these rows. */
export const routerApgr = (rows: readonly { q_weak: number; q_strong: number }[], scores: readonly number[]) => routerMetrics(rows, scores).apgr;
