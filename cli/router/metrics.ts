// Router metrics as the field reports them (RouteLLM, Ong et al. 2024, arXiv:2406.18665 §5):
// route the top c share of prompts (by score) to the strong model, the rest to the weak one.
//   perf(c) = mean quality of that mix
//   PGR(c)  = (perf(c) − perf(0)) / (perf(1) − perf(0))   performance gap recovered
//   APGR    = ∫₀¹ PGR(c) dc                                 area under the PGR curve
//   CPT(x)  = the smallest c with PGR(c) ≥ x                call-performance threshold
// Tied scores are routed in expectation (as a random tie-break would), so a router that
// gives every prompt the same score is exactly the random router: APGR 0.5.
// PGR is not clipped: a router that sends only prompts the weak model fails can exceed the
// strong model's quality (PGR > 1) at some c, as the perfect router does.

export interface Outcome {
  q_weak: number;
  q_strong: number;
}

export interface Curve {
  /** Share of calls to the strong model at each point, 0..1 ascending. */
  share: number[];
  /** Mean quality at each point. */
  perf: number[];
}

/** The routing curve: one point per distinct score (prompts are taken from the top). */
export function routingCurve(rows: readonly Outcome[], scores: ArrayLike<number>): Curve {
  const n = rows.length;
  if (scores.length !== n) throw new Error(`routingCurve: ${scores.length} scores for ${n} rows`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let total = 0;
  for (const r of rows) total += r.q_weak;
  const share = [0];
  const perf = [n ? total / n : 0];
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && scores[order[j]] === scores[order[i]]) {
      total += rows[order[j]].q_strong - rows[order[j]].q_weak;
      j++;
    }
    share.push(j / n);
    perf.push(total / n);
    i = j;
  }
  return { share, perf };
}

/** PGR at each curve point; NaN when the strong and weak models tie overall. */
export function pgr(curve: Curve): number[] {
  const p0 = curve.perf[0];
  const gap = curve.perf[curve.perf.length - 1] - p0;
  return curve.perf.map((p) => (gap === 0 ? NaN : (p - p0) / gap));
}

/** Area under the PGR curve (exact for the piecewise-linear curve). */
export function apgr(curve: Curve): number {
  const g = pgr(curve);
  let area = 0;
  for (let k = 1; k < g.length; k++) area += ((g[k] + g[k - 1]) / 2) * (curve.share[k] - curve.share[k - 1]);
  return area;
}

// Float sums of many qualities land a hair under exact targets (0.8 of the gap): compare with slack.
const SLACK = 1e-9;

/** First share c (linearly interpolated) at which `values` reaches `target`; NaN if never. */
function firstReach(share: number[], values: number[], target: number): number {
  if (values[0] >= target - SLACK) return 0;
  for (let k = 1; k < values.length; k++) {
    if (values[k] >= target - SLACK) {
      const t = Math.min(1, (target - values[k - 1]) / (values[k] - values[k - 1]));
      return share[k - 1] + t * (share[k] - share[k - 1]);
    }
  }
  return NaN;
}

/** CPT(x): big-model share needed to recover x (0..1) of the performance gap. */
export function cpt(curve: Curve, x: number): number {
  return firstReach(curve.share, pgr(curve), x);
}

/** Big-model share needed to keep `fraction` of always-big quality. */
export function shareForQuality(curve: Curve, fraction: number): number {
  const best = curve.perf[curve.perf.length - 1];
  return firstReach(curve.share, curve.perf, fraction * best);
}

export interface RouterMetrics {
  n: number;
  apgr: number;
  cpt50: number;
  cpt80: number;
  share95: number;
  /** Always-small and always-big quality on these rows. */
  qualityWeak: number;
  qualityStrong: number;
}

export function routerMetrics(rows: readonly Outcome[], scores: ArrayLike<number>): RouterMetrics {
  const curve = routingCurve(rows, scores);
  return {
    n: rows.length,
    apgr: apgr(curve),
    cpt50: cpt(curve, 0.5),
    cpt80: cpt(curve, 0.8),
    share95: shareForQuality(curve, 0.95),
    qualityWeak: curve.perf[0],
    qualityStrong: curve.perf[curve.perf.length - 1],
  };
}

/** Scores of the perfect router: the realized gain of the strong model. */
export const perfectScores = (rows: readonly Outcome[]) => rows.map((r) => r.q_strong - r.q_weak);

/** The random router: every prompt tied, i.e. the expectation over random orders. */
export const randomScores = (rows: readonly Outcome[]) => rows.map(() => 0);

/** Area under the ROC curve (ties count half), for the binary "big model needed" label. */
export function auc(labels: ArrayLike<boolean>, scores: ArrayLike<number>): number {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let pos = 0, rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && scores[order[j]] === scores[order[i]]) j++;
    const midRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (labels[order[k]]) { pos++; rankSum += midRank; }
    i = j;
  }
  const neg = n - pos;
  return pos && neg ? (rankSum - (pos * (pos + 1)) / 2) / (pos * neg) : NaN;
}
