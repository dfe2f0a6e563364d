import { describe, expect, it } from 'vitest';
import { apgr, auc, cpt, pgr, perfectScores, randomScores, routerMetrics, routingCurve, shareForQuality } from '../../../cli/router/metrics';

const row = (q_weak: number, q_strong: number) => ({ q_weak, q_strong });

describe('router metrics (RouteLLM definitions)', () => {
  // 1 of 4 prompts needs the big model; no prompt is better served by the small one.
  const oneInFour = [row(0, 1), row(1, 1), row(0, 0), row(1, 1)];

  it('gives the perfect router 1 − p/2 when the big model never loses (p = share needing it)', () => {
    // PGR climbs 0 → 1 over the first p of calls and stays at 1.
    expect(apgr(routingCurve(oneInFour, perfectScores(oneInFour)))).toBeCloseTo(1 - 0.25 / 2, 12);
  });

  it('gives the worst ordering p/2 and the random router exactly 0.5', () => {
    const worst = oneInFour.map((r) => r.q_weak - r.q_strong);
    expect(apgr(routingCurve(oneInFour, worst))).toBeCloseTo(0.25 / 2, 12);
    expect(apgr(routingCurve(oneInFour, randomScores(oneInFour)))).toBeCloseTo(0.5, 12);
  });

  it('routes tied scores in expectation', () => {
    // Two tied prompts, one needs the big model: same as random over them.
    const rows = [row(0, 1), row(1, 1)];
    expect(apgr(routingCurve(rows, [3, 3]))).toBeCloseTo(0.5, 12);
    expect(apgr(routingCurve(rows, [3, 2]))).toBeCloseTo(0.75, 12);
  });

  it('does not clip PGR: the perfect router beats always-big where the small model sometimes wins', () => {
    const rows = [row(0, 1), row(0, 1), row(1, 0)];
    const g = pgr(routingCurve(rows, perfectScores(rows)));
    expect(Math.max(...g)).toBeCloseTo(2, 12); // +2 of a net gap of +1
    expect(g[g.length - 1]).toBeCloseTo(1, 12);
  });

  it('computes CPT by interpolation on the curve', () => {
    const perfect = routingCurve(oneInFour, perfectScores(oneInFour));
    expect(cpt(perfect, 0.5)).toBeCloseTo(0.125, 12);
    expect(cpt(perfect, 0.8)).toBeCloseTo(0.2, 12);
    const random = routingCurve(oneInFour, randomScores(oneInFour));
    expect(cpt(random, 0.5)).toBeCloseTo(0.5, 12);
    expect(cpt(random, 0.8)).toBeCloseTo(0.8, 12);
  });

  it('finds the big-model share that keeps 95% of always-big quality', () => {
    const rows = [row(0, 1), row(0, 1), row(1, 1), row(1, 1)];
    // Quality 0.5 → 0.75 → 1.0 over the first two prompts; 0.95 is reached at 0.25 + 0.8·0.25.
    expect(shareForQuality(routingCurve(rows, perfectScores(rows)), 0.95)).toBeCloseTo(0.45, 12);
    // Already good enough with no big-model calls.
    expect(shareForQuality(routingCurve([row(1, 1)], [0]), 0.95)).toBe(0);
  });

  it('reports NaN, not a number, when the models tie overall', () => {
    const m = routerMetrics([row(0, 1), row(1, 0)], [1, 0]);
    expect(m.apgr).toBeNaN();
  });

  it('computes ROC AUC with ties counted half', () => {
    expect(auc([true, false, true, false], [0.9, 0.1, 0.8, 0.2])).toBe(1);
    expect(auc([true, false], [0.5, 0.5])).toBe(0.5);
    // Positives 0.1 and 0.8 against negatives 0.9 and 0.2: one of four pairs ordered right.
    expect(auc([false, true, true, false], [0.9, 0.1, 0.8, 0.2])).toBe(0.25);
  });
});
